/** A button of the official account's custom menu, as /cgi-bin/menu/create takes it. */
export type MenuButton =
  | { type: 'miniprogram'; name: string; url: string; appid: string; pagepath: string }
  | { type: 'view'; name: string; url: string }
  | { type: 'click'; name: string; key: string }
  | { name: string; sub_button: MenuButton[] };

export interface OfficialMenu {
  button: MenuButton[];
}

/**
 * Event key of a click-type 个人信息 button. The menu built here opens the page directly;
 * the push endpoint still answers this key with a link, for menus made by hand in the
 * admin console.
 */
export const profileMenuKey = 'UCZ_PROFILE';

/**
 * Builds the menu of the official account 深证通客户服务中心: 个人信息 opens the
 * mini-program's profile page (WeChat clients that cannot open mini-programs open
 * `websiteUrl` instead), and 客户专区 opens the website. Top-level names stay within
 * WeChat's 16 bytes.
 */
export function buildOfficialMenu(options: {
  miniProgramAppid: string;
  profilePage: string;
  websiteUrl: string;
}): OfficialMenu {
  return {
    button: [
      {
        type: 'miniprogram',
        name: '个人信息',
        url: options.websiteUrl,
        appid: options.miniProgramAppid,
        pagepath: options.profilePage,
      },
      { type: 'view', name: '客户专区', url: options.websiteUrl },
    ],
  };
}
