import { Writable } from 'node:stream';
import type { ManualClock } from '../../src/lib/clock';
import { createLogger } from '../../src/logger';
import { createDatabaseTokenCache } from '../../src/modules/wechat/access-token-cache';
import { createWechatClient } from '../../src/modules/wechat/wechat-client';
import type { WechatClient } from '../../src/modules/wechat/wechat-client';
import { WechatApiError, WechatRequestError } from '../../src/modules/wechat/wechat-errors';
import { wechatTokenModel } from '../../src/modules/wechat/wechat-token.model';
import { parseFakeWxacodePayload } from '../../src/simulator/fake-wechat';
import type { FakeWechat, FakeWechatApp } from '../../src/simulator/fake-wechat';
import { openTestDatabase } from '../support/database';
import type { TestDatabase } from '../support/database';
import { decodeQrPng, miniApp, officialApp, stableTokenOf, startTestFake } from './wechat-fixtures';

let fake: FakeWechat;
let clock: ManualClock;
let database: TestDatabase;
let logLines: string[] = [];

beforeAll(async () => {
  ({ fake, clock } = await startTestFake());
  database = await openTestDatabase();
});

afterAll(async () => {
  await fake.stop();
  await database.drop();
});

beforeEach(async () => {
  logLines = [];
  await wechatTokenModel(database.db).deleteMany({});
});

/** Creates a debug-level logger that writes its lines to `logLines`. */
function capturingLogger() {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  return createLogger('debug', sink);
}

function clientFor(app: FakeWechatApp, fetchImpl?: typeof fetch): WechatClient {
  const logger = capturingLogger();
  return createWechatClient({
    baseUrl: fake.baseUrl,
    app,
    tokenCache: createDatabaseTokenCache({ db: database.db, app, logger }),
    clock,
    logger,
    timeoutMs: 5000,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
}

/** Counts the fake's calls of `path` made while `action` runs. */
async function callsDuring(path: string, action: () => Promise<unknown>): Promise<number> {
  const before = fake.callCount(path);
  await action();
  return fake.callCount(path) - before;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('WeChat client access token', () => {
  it('is fetched once and shared by two instances on one database', async () => {
    const first = clientFor(officialApp);
    const second = clientFor(officialApp);
    const menu = { button: [{ type: 'click' as const, name: '个人信息', key: 'UCZ_PROFILE' }] };

    const fetches = await callsDuring('/cgi-bin/stable_token', async () => {
      await first.createMenu(menu);
      await second.createMenu(menu);
      await first.createMenu(menu);
    });
    expect(fetches).toBe(1);
    expect(fake.callCount('/cgi-bin/token')).toBe(0);

    const stored = await wechatTokenModel(database.db).find({ appid: officialApp.appid }).lean();
    expect(stored).toHaveLength(1);
    const token = await stableTokenOf(fake, officialApp);
    expect(stored[0]?.sealedToken).not.toContain(token);
  });

  it('is fetched again when it nears expiry', async () => {
    const client = clientFor(officialApp);
    const menu = { button: [{ type: 'click' as const, name: '个人信息', key: 'UCZ_PROFILE' }] };
    await client.createMenu(menu);
    clock.advance(7200_000 - 200_000);
    const fetches = await callsDuring('/cgi-bin/stable_token', () => client.createMenu(menu));
    expect(fetches).toBe(1);
  });

  it('is refetched once and the call retried once after 40001', async () => {
    const client = clientFor(miniApp);
    await client.getUnlimitedWxacode({ scene: 'warmup' });
    fake.invalidateAccessTokens(miniApp.appid);

    let image: Buffer | undefined;
    const tokenFetches = await callsDuring('/cgi-bin/stable_token', async () => {
      const wxacodeCalls = await callsDuring('/wxa/getwxacodeunlimit', async () => {
        ({ image } = await client.getUnlimitedWxacode({ scene: 'retried' }));
      });
      expect(wxacodeCalls).toBe(2);
    });
    expect(tokenFetches).toBe(1);
    expect(parseFakeWxacodePayload(decodeQrPng(image ?? Buffer.alloc(0)) ?? '')?.scene).toBe(
      'retried',
    );
    expect(logLines.join('')).toContain('retrying once');
  });

  it('gives up after one retry when the new token is rejected too', async () => {
    // Revokes every token just before each mini-program code request reaches the fake.
    const revokingFetch: typeof fetch = async (input, init) => {
      if (String(input).includes('/wxa/getwxacodeunlimit'))
        fake.invalidateAccessTokens(miniApp.appid);
      return fetch(input, init);
    };
    const client = clientFor(miniApp, revokingFetch);
    let error: unknown;
    const wxacodeCalls = await callsDuring('/wxa/getwxacodeunlimit', async () => {
      error = await rejection(client.getUnlimitedWxacode({ scene: 'never' }));
    });
    expect(wxacodeCalls).toBe(2);
    expect(error).toBeInstanceOf(WechatApiError);
    expect((error as WechatApiError).errcode).toBe(40001);
  });
});

describe('WeChat client mini-program code', () => {
  it('returns a PNG whose QR code carries the scene', async () => {
    const client = clientFor(miniApp);
    const { contentType, image } = await client.getUnlimitedWxacode({
      scene: 'Ab12',
      page: 'pages/login/confirm',
    });
    expect(contentType).toBe('image/png');
    expect(parseFakeWxacodePayload(decodeQrPng(image) ?? '')).toEqual({
      appid: miniApp.appid,
      page: 'pages/login/confirm',
      scene: 'Ab12',
    });
  });

  it('never sends a scene of 33 characters', async () => {
    const client = clientFor(miniApp);
    let error: unknown;
    const sent = await callsDuring('/wxa/getwxacodeunlimit', async () => {
      error = await rejection(client.getUnlimitedWxacode({ scene: 'a'.repeat(33) }));
    });
    expect(sent).toBe(0);
    expect(error).toBeInstanceOf(WechatRequestError);
  });

  it.each([
    ['a scene with %', { scene: 'ab%20' }],
    ['an empty scene', { scene: '' }],
    ['a page with a leading slash', { scene: 'ok', page: '/pages/login/confirm' }],
  ])('never sends %s', async (_name, request) => {
    const client = clientFor(miniApp);
    const sent = await callsDuring('/wxa/getwxacodeunlimit', async () => {
      expect(await rejection(client.getUnlimitedWxacode(request))).toBeInstanceOf(
        WechatRequestError,
      );
    });
    expect(sent).toBe(0);
  });

  it('turns a JSON error where an image was expected into a WechatApiError', async () => {
    const client = clientFor(miniApp);
    const error = await rejection(
      client.getUnlimitedWxacode({ scene: 'ok', page: 'pages/missing/index' }),
    );
    expect(error).toBeInstanceOf(WechatApiError);
    expect((error as WechatApiError).errcode).toBe(41030);
  });
});

describe('WeChat client code2Session', () => {
  it('returns openid and session key, and no unionid for an unbound app', async () => {
    const client = clientFor(miniApp);
    const result = await client.code2Session(fake.issueLoginCode(miniApp.appid, 'openid-client'));
    expect(result.openid).toBe('openid-client');
    expect(result.sessionKey.length).toBeGreaterThan(0);
    expect(result).not.toHaveProperty('unionid');
  });

  it('turns errcode 40163 into a WechatApiError', async () => {
    const client = clientFor(miniApp);
    const code = fake.issueLoginCode(miniApp.appid, 'openid-twice');
    await client.code2Session(code);
    const error = await rejection(client.code2Session(code));
    expect(error).toBeInstanceOf(WechatApiError);
    expect((error as WechatApiError).errcode).toBe(40163);
  });

  it('logs no secret, code, session key or token', async () => {
    const client = clientFor(miniApp);
    const code = fake.issueLoginCode(miniApp.appid, 'openid-logs');
    const { sessionKey } = await client.code2Session(code);
    await rejection(client.code2Session(code));
    fake.invalidateAccessTokens(miniApp.appid);
    await client.getUnlimitedWxacode({ scene: 'logs' });
    const token = await stableTokenOf(fake, miniApp);

    const logs = logLines.join('');
    expect(logs).toContain('code2Session');
    expect(logs).toContain('access token fetched');
    for (const secret of [miniApp.secret, code, sessionKey, token])
      expect(logs).not.toContain(secret);
  });
});
