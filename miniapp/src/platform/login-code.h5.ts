import { apiRequest } from '@/api/http';
import type { LoginCodeSource } from './login-code.types';
import { readStored, storageKeys } from './storage';

/**
 * On the website the mini-program pages act as the simulated WeChat user picked in
 * simulator mode: POST /simulator/wechat/login-code plays wx.login for that openid. The
 * server registers that route only in simulator mode, so elsewhere the call fails with 404.
 */
export const loginCodeSource: LoginCodeSource = {
  simulated: true,
  async getLoginCode() {
    const openid = readStored(storageKeys.simulatedOpenid);
    if (!openid) throw new Error('no simulated WeChat user is picked');
    const { code } = await apiRequest<{ code: string }>({
      method: 'POST',
      path: '/simulator/wechat/login-code',
      body: { openid },
      fallbackMessage: 'simulated wx.login failed',
    });
    return code;
  },
};
