import type { Config } from '../../config';
import type { SimulatorWechat } from '../../simulator/fake-wechat/simulator-wechat';

/** App credentials for the WeChat API. */
export interface WechatAppCredentials {
  appid: string;
  secret: string;
}

/** Everything the WeChat module needs to reach WeChat, from config or from the simulator. */
export interface WechatSettings {
  apiBaseUrl: string;
  httpTimeoutMs: number;
  miniProgram?: WechatAppCredentials;
  officialAccount?: WechatAppCredentials & { pushToken: string };
  subscribeTemplates: { reviewResult?: string; securityNotice?: string };
  profilePage: string;
  miniprogramState: 'formal' | 'trial' | 'developer';
  /** Base URL of the website, the fallback of mini-program links for old WeChat clients. */
  websiteUrl: string;
}

/**
 * Builds the WeChat settings: from the simulator's fake WeChat in simulator mode (its
 * base URL, generated credentials and template ids), otherwise from the WECHAT_*
 * settings. Apps that are not configured are left out.
 */
export function resolveWechatSettings(config: Config, simulator?: SimulatorWechat): WechatSettings {
  const common = {
    httpTimeoutMs: config.WECHAT_HTTP_TIMEOUT_MS,
    profilePage: config.WECHAT_PROFILE_PAGE,
    miniprogramState: config.WECHAT_MINIPROGRAM_STATE,
    websiteUrl: config.PUBLIC_URL ?? `http://${config.HOST}:${config.PORT}`,
  };
  if (simulator) {
    return {
      ...common,
      apiBaseUrl: simulator.baseUrl,
      miniProgram: { appid: simulator.miniProgram.appid, secret: simulator.miniProgram.secret },
      officialAccount: {
        appid: simulator.officialAccount.appid,
        secret: simulator.officialAccount.secret,
        pushToken: simulator.officialAccount.pushToken ?? '',
      },
      subscribeTemplates: { ...simulator.templates },
    };
  }

  return {
    ...common,
    apiBaseUrl: config.WECHAT_API_BASE_URL ?? '',
    ...(config.WECHAT_APPID && config.WECHAT_SECRET
      ? { miniProgram: { appid: config.WECHAT_APPID, secret: config.WECHAT_SECRET } }
      : {}),
    ...(config.WECHAT_OFFICIAL_APPID &&
    config.WECHAT_OFFICIAL_SECRET &&
    config.WECHAT_OFFICIAL_TOKEN
      ? {
          officialAccount: {
            appid: config.WECHAT_OFFICIAL_APPID,
            secret: config.WECHAT_OFFICIAL_SECRET,
            pushToken: config.WECHAT_OFFICIAL_TOKEN,
          },
        }
      : {}),
    subscribeTemplates: {
      ...(config.WECHAT_TEMPLATE_REVIEW_RESULT
        ? { reviewResult: config.WECHAT_TEMPLATE_REVIEW_RESULT }
        : {}),
      ...(config.WECHAT_TEMPLATE_SECURITY_NOTICE
        ? { securityNotice: config.WECHAT_TEMPLATE_SECURITY_NOTICE }
        : {}),
    },
  };
}
