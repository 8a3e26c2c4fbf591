import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { systemClock } from '../../lib/clock';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../logger';
import { appendRecord, FakeWechatState } from './fake-state';
import type {
  FakeCall,
  IssuedWxacode,
  SentSubscribeMessage,
  SentTemplateMessage,
} from './fake-state';
import { errorReply } from './fake-types';
import type { FakeReply, FakeRequest, FakeWechatApp } from './fake-types';
import { jscode2session } from './login-api';
import { createMenu, sendSubscribeMessage, sendTemplateMessage } from './message-api';
import { pushOfficialMessage, verifyOfficialPushUrl } from './official-push-player';
import type { FakePushMessage, PushOptions, PushResult } from './official-push-player';
import { classicToken, stableToken } from './token-api';
import { getUnlimitedWxacode } from './wxacode-api';

export type { FakeWechatApp, FakeTemplate } from './fake-types';
export type {
  FakeCall,
  IssuedWxacode,
  SentSubscribeMessage,
  SentTemplateMessage,
} from './fake-state';
export type { FakePushMessage, PushOptions, PushResult } from './official-push-player';
export { parseFakeWxacodePayload } from './wxacode-api';
export { pushSignature } from './official-push-player';

/** The running fake WeChat API server and the hooks that play WeChat's users. */
export interface FakeWechat {
  /** `http://127.0.0.1:PORT`, the stand-in for https://api.weixin.qq.com. */
  baseUrl: string;
  stop(): Promise<void>;
  /** Returns what wx.login would return to a simulated user of the mini-program. */
  issueLoginCode(appid: string, openid: string, options?: { unionid?: string }): string;
  /** Makes an openid known to an app without logging in. */
  addUser(appid: string, openid: string): void;
  /** Binds or unbinds the app to an Open Platform account, which decides whether unionids appear. */
  setUnionBound(appid: string, bound: boolean): void;
  /**
   * Sets the pages of the mini-program's published version; getwxacodeunlimit with
   * check_path then returns 41030 for other pages. Undefined accepts every page.
   */
  setPages(appid: string, pages: string[] | undefined): void;
  /** Plays the user tapping "accept" on a subscribe-message prompt `count` times. */
  grantSubscribeMessage(appid: string, openid: string, templateId: string, count?: number): void;
  subscribeGrantsLeft(appid: string, openid: string, templateId: string): number;
  sentSubscribeMessages(): SentSubscribeMessage[];
  sentTemplateMessages(): SentTemplateMessage[];
  /** Plays a user following or leaving the official account. */
  setFollower(appid: string, openid: string, following: boolean): void;
  /** Revokes every access token of the app, like a force refresh by another party (then 40001). */
  invalidateAccessTokens(appid: string): void;
  issuedWxacodes(): IssuedWxacode[];
  /** The menu last created for an official account. */
  menu(appid: string): unknown;
  /** API calls received, oldest first, without query values. */
  calls(): FakeCall[];
  callCount(path: string): number;
  /** Plays the official account pushing a signed XML message to `url`. */
  pushEvent(url: string, message: FakePushMessage, options?: PushOptions): Promise<PushResult>;
  /** Plays the URL verification of the message push endpoint at `url`. */
  verifyPushUrl(url: string, options?: PushOptions): Promise<PushResult & { echostr: string }>;
}

export interface StartFakeWechatOptions {
  logger: Logger;
  apps: FakeWechatApp[];
  /** Drives code and token lifetimes; defaults to the system clock. */
  clock?: Clock;
  /** 0 (the default) picks a free port on 127.0.0.1. */
  port?: number;
}

type Handler = (state: FakeWechatState, request: FakeRequest) => FakeReply | Promise<FakeReply>;

const routes: Record<string, { method: 'GET' | 'POST'; handler: Handler }> = {
  '/sns/jscode2session': { method: 'GET', handler: jscode2session },
  '/cgi-bin/stable_token': { method: 'POST', handler: stableToken },
  '/cgi-bin/token': { method: 'GET', handler: classicToken },
  '/wxa/getwxacodeunlimit': { method: 'POST', handler: getUnlimitedWxacode },
  '/cgi-bin/message/subscribe/send': { method: 'POST', handler: sendSubscribeMessage },
  '/cgi-bin/message/template/send': { method: 'POST', handler: sendTemplateMessage },
  '/cgi-bin/menu/create': { method: 'POST', handler: createMenu },
};

const maxBodyBytes = 1024 * 1024;

function readBody(req: http.IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > maxBodyBytes ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

async function dispatch(state: FakeWechatState, req: http.IncomingMessage): Promise<FakeReply> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const route = routes[url.pathname];
  if (!route) return { status: 404, contentType: 'text/plain', body: 'not found' };
  appendRecord(state.calls, {
    method: req.method ?? '',
    path: url.pathname,
    at: state.clock.now(),
  });
  if (req.method !== route.method) {
    return route.method === 'GET'
      ? errorReply(43001, 'require GET method')
      : errorReply(43002, 'require POST method');
  }
  const body = await readBody(req);
  if (!body) return { status: 413, contentType: 'text/plain', body: 'request body too large' };
  return route.handler(state, {
    method: req.method,
    path: url.pathname,
    query: url.searchParams,
    body,
  });
}

/**
 * Starts the fake WeChat API server on 127.0.0.1: a real HTTP server that speaks the
 * protocol of api.weixin.qq.com for the APIs the product uses, including its error
 * conventions (HTTP 200 with errcode), with its state in memory.
 */
export async function startFakeWechat(options: StartFakeWechatOptions): Promise<FakeWechat> {
  const log = options.logger.child({ component: 'fake-wechat' });
  const state = new FakeWechatState(options.apps, options.clock ?? systemClock);

  const server = http.createServer((req, res) => {
    dispatch(state, req)
      .then((reply) => {
        res.writeHead(reply.status, { 'content-type': reply.contentType });
        res.end(reply.body);
      })
      .catch((error: unknown) => {
        log.error({ err: error }, 'fake WeChat request failed');
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end('fake WeChat failed');
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  log.info({ port, apps: options.apps.map((app) => app.appid) }, 'fake WeChat started');

  const appOf = (appid: string): FakeWechatApp => {
    const app = state.apps.get(appid);
    if (!app) throw new Error(`fake WeChat: unknown appid "${appid}"`);
    return app;
  };

  return {
    baseUrl,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          log.info('fake WeChat stopped');
          resolve();
        });
        server.closeAllConnections();
      }),
    issueLoginCode: (appid, openid, issueOptions) =>
      state.issueLoginCode(appid, openid, issueOptions?.unionid),
    addUser: (appid, openid) => {
      appOf(appid);
      state.addUser(appid, openid);
    },
    setUnionBound: (appid, bound) => {
      appOf(appid).unionBound = bound;
    },
    setPages: (appid, pages) => {
      appOf(appid).pages = pages ? [...pages] : undefined;
    },
    grantSubscribeMessage: (appid, openid, templateId, count = 1) => {
      appOf(appid);
      state.addGrants(appid, openid, templateId, count);
    },
    subscribeGrantsLeft: (appid, openid, templateId) => state.grantsLeft(appid, openid, templateId),
    sentSubscribeMessages: () => [...state.subscribeMessages],
    sentTemplateMessages: () => [...state.templateMessages],
    setFollower: (appid, openid, following) => {
      appOf(appid);
      state.addUser(appid, openid);
      const followers = state.followers.get(appid) ?? new Set<string>();
      if (following) followers.add(openid);
      else followers.delete(openid);
      state.followers.set(appid, followers);
    },
    invalidateAccessTokens: (appid) => state.revokeTokens(appid),
    issuedWxacodes: () => [...state.wxacodes],
    menu: (appid) => state.menus.get(appid),
    calls: () => [...state.calls],
    callCount: (path) => state.calls.filter((call) => call.path === path).length,
    pushEvent: (url, message, pushOptions) => pushOfficialMessage(state, url, message, pushOptions),
    verifyPushUrl: (url, pushOptions) => verifyOfficialPushUrl(state, url, pushOptions),
  };
}
