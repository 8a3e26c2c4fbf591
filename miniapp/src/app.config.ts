export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/certification/index',
    'pages/progress/index',
    'pages/login/index',
    'pages/wechat-login/index',
    'pages/forgot-password/index',
    'pages/activate/index',
    'pages/account/index',
    'pages/company-admin/index',
    'pages/review/index',
    'pages/scan-login/index',
    'pages/wechat-bind/index',
    'pages/profile/index',
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#fff',
    navigationBarTitleText: '统一客户专区',
    navigationBarTextStyle: 'black',
  },
});
