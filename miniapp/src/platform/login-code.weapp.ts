import Taro from '@tarojs/taro';
import type { LoginCodeSource } from './login-code.types';

/** In WeChat the code comes from wx.login. */
export const loginCodeSource: LoginCodeSource = {
  simulated: false,
  async getLoginCode() {
    const { code } = await Taro.login();
    if (!code) throw new Error('wx.login returned no code');
    return code;
  },
};
