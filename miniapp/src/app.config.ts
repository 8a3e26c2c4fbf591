export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/certification/index',
    'pages/progress/index',
    'pages/login/index',
    'pages/wechat-login/index',
  ],
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#fff',
    navigationBarTitleText: '统一客户专区',
    navigationBarTextStyle: 'black',
  },
});
