export default definePageConfig({ navigationBarTitleText: '用户认证' });
