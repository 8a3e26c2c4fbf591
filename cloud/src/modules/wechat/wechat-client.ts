import { z } from 'zod';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../logger';
import type { AccessTokenCache } from './access-token-cache';
import { createAccessTokenProvider } from './access-token-provider';
import type { OfficialMenu } from './official-menu';
import {
  accessTokenErrcodes,
  WechatApiError,
  WechatRequestError,
  WechatTransportError,
} from './wechat-errors';
import { createWechatHttp, parseJsonReply } from './wechat-http';
import type { WechatReply } from './wechat-http';
import type { WechatAppCredentials } from './wechat-settings';

/** Result of code2Session. The session key stays on the server and is never logged. */
export interface Code2SessionResult {
  openid: string;
  sessionKey: string;
  /** Present only when the app is bound to an Open Platform account. */
  unionid?: string;
}

export interface WxacodeRequest {
  /** At most 32 characters from [0-9A-Za-z] and !#$&'()*+,/:;=?@-._~ */
  scene: string;
  /** Page path without a leading slash or query; the home page when left out. */
  page?: string;
  /** When true (WeChat's default) the page must exist in the published version. */
  checkPath?: boolean;
  envVersion?: 'release' | 'trial' | 'develop';
  /** Image width in pixels, 280-1280. */
  width?: number;
}

export interface SubscribeMessageRequest {
  touser: string;
  templateId: string;
  page?: string;
  /** Values by data key, already fitted to their field types. */
  data: Record<string, string>;
  miniprogramState: 'formal' | 'trial' | 'developer';
  lang?: 'zh_CN' | 'en_US' | 'zh_HK' | 'zh_TW';
}

export interface TemplateMessageRequest {
  touser: string;
  templateId: string;
  url?: string;
  miniprogram?: { appid: string; pagepath?: string };
  data: Record<string, string>;
}

/** A client of one WeChat app (mini-program or official account) on api.weixin.qq.com. */
export interface WechatClient {
  readonly appid: string;
  code2Session(code: string): Promise<Code2SessionResult>;
  getUnlimitedWxacode(request: WxacodeRequest): Promise<{ contentType: string; image: Buffer }>;
  sendSubscribeMessage(request: SubscribeMessageRequest): Promise<void>;
  sendTemplateMessage(request: TemplateMessageRequest): Promise<{ msgid: string }>;
  createMenu(menu: OfficialMenu): Promise<void>;
}

const code2SessionReply = z.object({
  openid: z.string().min(1),
  session_key: z.string().min(1),
  unionid: z.string().min(1).optional(),
});
const stableTokenReply = z.object({
  access_token: z.string().min(1),
  expires_in: z.number().int().positive(),
});
const okReply = z.object({ errcode: z.literal(0).optional(), errmsg: z.string().optional() });
const templateSendReply = z.object({ msgid: z.union([z.number(), z.string()]).transform(String) });

/** Characters WeChat accepts in a mini-program code's scene. */
const scenePattern = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/u;
const pagePattern = /^[A-Za-z0-9_\-.]+(\/[A-Za-z0-9_\-.]+)*$/u;

/** Throws WechatRequestError unless WeChat would accept the scene and page. */
export function checkWxacodeRequest(request: WxacodeRequest): void {
  if (!scenePattern.test(request.scene)) {
    throw new WechatRequestError(
      'getUnlimitedWxacode',
      `scene must be 1-32 characters from [0-9A-Za-z] and !#$&'()*+,/:;=?@-._~ (got ${request.scene.length} characters)`,
    );
  }
  if (request.page !== undefined && !pagePattern.test(request.page)) {
    throw new WechatRequestError(
      'getUnlimitedWxacode',
      'page must be a path without a leading slash or query',
    );
  }
}

/**
 * Creates the client of one WeChat app. Calls that need an access token get it from
 * the shared cache (see access-token-provider.ts). When WeChat rejects the token
 * (40001, 40014, 42001) the client drops it, fetches a token once and retries once.
 * Neither the secret, the login code, the session key nor the token is ever logged.
 */
export function createWechatClient(deps: {
  baseUrl: string;
  app: WechatAppCredentials;
  tokenCache: AccessTokenCache;
  clock: Clock;
  logger: Logger;
  timeoutMs: number;
  fetch?: typeof fetch;
}): WechatClient {
  const { app } = deps;
  const log = deps.logger.child({ component: 'wechat-client', appid: app.appid });
  const http = createWechatHttp({
    baseUrl: deps.baseUrl,
    timeoutMs: deps.timeoutMs,
    logger: deps.logger,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });

  const tokens = createAccessTokenProvider({
    appid: app.appid,
    cache: deps.tokenCache,
    clock: deps.clock,
    logger: deps.logger,
    // Stable tokens in normal mode: never /cgi-bin/token, whose every call revokes the
    // token that other instances are using.
    fetchToken: async () => {
      const reply = await http('getStableAccessToken', {
        method: 'POST',
        path: '/cgi-bin/stable_token',
        json: {
          grant_type: 'client_credential',
          appid: app.appid,
          secret: app.secret,
          force_refresh: false,
        },
      });
      const parsed = parseJsonReply('getStableAccessToken', reply, stableTokenReply);
      return { accessToken: parsed.access_token, expiresInSeconds: parsed.expires_in };
    },
  });

  async function withAccessToken(
    api: string,
    call: (accessToken: string) => Promise<WechatReply>,
  ): Promise<WechatReply> {
    const token = await tokens.get();
    try {
      return await call(token);
    } catch (error) {
      if (!(error instanceof WechatApiError) || !accessTokenErrcodes.has(error.errcode))
        throw error;
      log.warn(
        { api, errcode: error.errcode },
        'WeChat rejected the access token; fetching it again and retrying once',
      );
      await tokens.invalidate(token);
      return call(await tokens.get());
    }
  }

  const post = (api: string, path: string, json: unknown) =>
    withAccessToken(api, (accessToken) =>
      http(api, { method: 'POST', path, query: { access_token: accessToken }, json }),
    );

  return {
    appid: app.appid,

    async code2Session(code) {
      const reply = await http('code2Session', {
        method: 'GET',
        path: '/sns/jscode2session',
        query: {
          appid: app.appid,
          secret: app.secret,
          js_code: code,
          grant_type: 'authorization_code',
        },
      });
      const parsed = parseJsonReply('code2Session', reply, code2SessionReply);
      return {
        openid: parsed.openid,
        sessionKey: parsed.session_key,
        ...(parsed.unionid ? { unionid: parsed.unionid } : {}),
      };
    },

    async getUnlimitedWxacode(request) {
      checkWxacodeRequest(request);
      const reply = await post('getUnlimitedWxacode', '/wxa/getwxacodeunlimit', {
        scene: request.scene,
        ...(request.page !== undefined ? { page: request.page } : {}),
        check_path: request.checkPath ?? true,
        env_version: request.envVersion ?? 'release',
        width: request.width ?? 430,
      });
      if (reply.kind !== 'image') {
        // A JSON reply without an errcode where an image was expected.
        throw new WechatTransportError(
          'getUnlimitedWxacode',
          'expected an image, got JSON without an errcode',
        );
      }
      return { contentType: reply.contentType, image: reply.bytes };
    },

    async sendSubscribeMessage(request) {
      const reply = await post('sendSubscribeMessage', '/cgi-bin/message/subscribe/send', {
        touser: request.touser,
        template_id: request.templateId,
        ...(request.page !== undefined ? { page: request.page } : {}),
        data: Object.fromEntries(
          Object.entries(request.data).map(([key, value]) => [key, { value }]),
        ),
        miniprogram_state: request.miniprogramState,
        lang: request.lang ?? 'zh_CN',
      });
      parseJsonReply('sendSubscribeMessage', reply, okReply);
    },

    async sendTemplateMessage(request) {
      const reply = await post('sendTemplateMessage', '/cgi-bin/message/template/send', {
        touser: request.touser,
        template_id: request.templateId,
        ...(request.url !== undefined ? { url: request.url } : {}),
        ...(request.miniprogram !== undefined ? { miniprogram: request.miniprogram } : {}),
        data: Object.fromEntries(
          Object.entries(request.data).map(([key, value]) => [key, { value }]),
        ),
      });
      return parseJsonReply('sendTemplateMessage', reply, templateSendReply);
    },

    async createMenu(menu) {
      const reply = await post('createMenu', '/cgi-bin/menu/create', menu);
      parseJsonReply('createMenu', reply, okReply);
    },
  };
}
