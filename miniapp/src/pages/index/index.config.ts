export default definePageConfig({ navigationBarTitleText: '统一客户专区' });
