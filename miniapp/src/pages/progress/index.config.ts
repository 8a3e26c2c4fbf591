export default definePageConfig({ navigationBarTitleText: '用户认证查询' });
