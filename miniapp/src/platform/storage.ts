import Taro from '@tarojs/taro';

/**
 * Small string storage that survives a reload: localStorage on the website, the
 * mini-program's own storage in WeChat. Failures (private mode, quota) are ignored, so
 * the app still works without remembering.
 */
export function readStored(key: string): string | undefined {
  try {
    const value: unknown = Taro.getStorageSync(key);
    return typeof value === 'string' && value !== '' ? value : undefined;
  } catch {
    return undefined;
  }
}

export function writeStored(key: string, value: string): void {
  try {
    Taro.setStorageSync(key, value);
  } catch {
    // Remembering is a convenience; the current page keeps working without it.
  }
}

export function removeStored(key: string): void {
  try {
    Taro.removeStorageSync(key);
  } catch {
    // Nothing to remove when storage is unavailable.
  }
}

/** Storage keys of the app. */
export const storageKeys = {
  locale: 'ucz.locale',
  draftToken: 'ucz.certification.draftToken',
  /** Step ③ input not yet submitted, without the password and the code (unsaved-account.ts). */
  unsavedAccount: 'ucz.certification.unsavedAccount',
  /** The logged-in account's name, shown in the header; not a credential. */
  accountName: 'ucz.account.name',
  /** The access token of the session that a WeChat login started (mini-program pages). */
  wechatAccessToken: 'ucz.wechat.accessToken',
  /** The openid of the simulated WeChat user that the website acts as in simulator mode. */
  simulatedOpenid: 'ucz.simulator.openid',
} as const;
