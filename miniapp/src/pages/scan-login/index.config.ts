export default definePageConfig({ navigationBarTitleText: '微信扫码登录' });
