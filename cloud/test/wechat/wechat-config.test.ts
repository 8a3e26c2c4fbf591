import { ConfigError, loadConfig } from '../../src/config';
import { resolveWechatSettings } from '../../src/modules/wechat/wechat-settings';

/** Settings a non-simulator start needs apart from WeChat. */
const production = {
  SIMULATOR: 'false',
  SMS_PROVIDER: 'tencent',
  SMTP_URL: 'smtp://127.0.0.1:2525',
  SESSION_SIGNING_KEYS: 'k1=0123456789abcdef0123456789abcdef',
};

const realMiniProgram = {
  WECHAT_API_BASE_URL: 'http://127.0.0.1:9',
  WECHAT_APPID: 'wx0123456789abcdef',
  WECHAT_SECRET: '0123456789abcdef0123456789abcdef',
};

function configErrorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('WeChat configuration', () => {
  it('refuses real WeChat credentials in simulator mode, naming each setting', () => {
    const error = configErrorOf({ SIMULATOR: 'true', ...realMiniProgram });
    expect(error.issues).toHaveLength(3);
    expect(error.message).toContain('WECHAT_SECRET: simulator mode refuses real WeChat settings');
    expect(error.message).toContain('WECHAT_APPID');
    expect(error.message).toContain('WECHAT_API_BASE_URL');
    expect(error.message).not.toContain(realMiniProgram.WECHAT_SECRET);
  });

  it('refuses official account settings in simulator mode', () => {
    const error = configErrorOf({ SIMULATOR: 'true', WECHAT_OFFICIAL_TOKEN: 'token123' });
    expect(error.issues).toEqual([
      'WECHAT_OFFICIAL_TOKEN: simulator mode refuses real WeChat settings; unset it or set SIMULATOR=false',
    ]);
  });

  it('needs a complete app and a base URL outside simulator mode', () => {
    expect(
      configErrorOf({ ...production, WECHAT_APPID: realMiniProgram.WECHAT_APPID }).message,
    ).toContain('WECHAT_APPID, WECHAT_SECRET: set both or neither');
    expect(
      configErrorOf({
        ...production,
        WECHAT_APPID: realMiniProgram.WECHAT_APPID,
        WECHAT_SECRET: realMiniProgram.WECHAT_SECRET,
      }).message,
    ).toContain('WECHAT_API_BASE_URL: required');
    expect(
      configErrorOf({ ...production, WECHAT_OFFICIAL_APPID: 'wx0123456789abcdee' }).message,
    ).toContain('set all three or none');
  });

  it('builds the settings from the WECHAT_ variables outside simulator mode', () => {
    const config = loadConfig({
      ...production,
      ...realMiniProgram,
      WECHAT_TEMPLATE_REVIEW_RESULT: 'tmpl-1',
    });
    const settings = resolveWechatSettings(config);
    expect(settings.apiBaseUrl).toBe('http://127.0.0.1:9');
    expect(settings.miniProgram).toEqual({
      appid: realMiniProgram.WECHAT_APPID,
      secret: realMiniProgram.WECHAT_SECRET,
    });
    expect(settings.officialAccount).toBeUndefined();
    expect(settings.subscribeTemplates).toEqual({ reviewResult: 'tmpl-1' });
  });

  it('rejects a profile page with a leading slash', () => {
    expect(
      configErrorOf({ SIMULATOR: 'true', WECHAT_PROFILE_PAGE: '/pages/profile/index' }).message,
    ).toContain('WECHAT_PROFILE_PAGE');
  });
});
