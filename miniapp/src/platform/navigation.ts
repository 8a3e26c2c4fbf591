import Taro from '@tarojs/taro';

/** Pages of the app, by name; the paths are those of app.config.ts. */
export const pagePaths = {
  home: '/pages/index/index',
  certification: '/pages/certification/index',
  progress: '/pages/progress/index',
  login: '/pages/login/index',
  wechatLogin: '/pages/wechat-login/index',
  forgotPassword: '/pages/forgot-password/index',
  activate: '/pages/activate/index',
  account: '/pages/account/index',
  companyAdmin: '/pages/company-admin/index',
  review: '/pages/review/index',
  scanLogin: '/pages/scan-login/index',
  wechatBind: '/pages/wechat-bind/index',
  profile: '/pages/profile/index',
  applications: '/pages/applications/index',
  notifications: '/pages/notifications/index',
} as const;
export type PageName = keyof typeof pagePaths;

/**
 * Opens a page on top of the current one (the browser history on the website). When the
 * page stack is full (ten pages in WeChat), the current page is replaced instead.
 */
export function openPage(page: PageName): void {
  const url = pagePaths[page];
  Promise.resolve()
    .then(() => Taro.navigateTo({ url }))
    .catch(() => Taro.redirectTo({ url }))
    .catch((error: unknown) => console.error(`navigation to ${url} failed`, error));
}
