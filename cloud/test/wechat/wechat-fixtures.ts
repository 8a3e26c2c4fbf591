import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { ManualClock } from '../../src/lib/clock';
import { createLogger } from '../../src/logger';
import { startFakeWechat } from '../../src/simulator/fake-wechat';
import type { FakeWechat, FakeWechatApp } from '../../src/simulator/fake-wechat';

/** A mini-program of the test fakes: not bound to an Open Platform account. */
export const miniApp: FakeWechatApp = {
  appid: 'wx00000000000000a1',
  secret: 'mini-secret-0123456789abcdef',
  unionBound: false,
  pages: ['pages/login/confirm', 'pages/profile/index'],
  templates: [
    { templateId: 'tmpl-review', keys: ['character_string1', 'phrase2', 'time3', 'thing4'] },
    { templateId: 'tmpl-security', keys: ['thing1', 'time2'] },
  ],
};

/** A second mini-program, bound to an Open Platform account. */
export const boundApp: FakeWechatApp = {
  appid: 'wx00000000000000b2',
  secret: 'bound-secret-0123456789abcdef',
  unionBound: true,
};

export const officialApp: FakeWechatApp = {
  appid: 'wx00000000000000c3',
  secret: 'official-secret-0123456789abc',
  unionBound: false,
  kind: 'official_account',
  pushToken: 'pushToken123',
  originalId: 'gh_test00000001',
  templates: [{ templateId: 'tmpl-official', keys: ['first', 'keyword1'] }],
};

/** Starts a fake WeChat with the three test apps on a manual clock. */
export async function startTestFake(
  clock = new ManualClock(new Date('2026-03-02T02:00:00Z')),
): Promise<{
  fake: FakeWechat;
  clock: ManualClock;
}> {
  const fake = await startFakeWechat({
    logger: createLogger('silent'),
    apps: [structuredClone(miniApp), structuredClone(boundApp), structuredClone(officialApp)],
    clock,
  });
  return { fake, clock };
}

/** Calls the fake like a WeChat client would and returns the parsed JSON or the raw reply. */
export async function callFake(
  fake: FakeWechat,
  path: string,
  options: { query?: Record<string, string>; json?: unknown; method?: 'GET' | 'POST' } = {},
): Promise<{
  status: number;
  contentType: string;
  body: Buffer;
  json: () => Record<string, unknown>;
}> {
  const url = new URL(path, fake.baseUrl);
  for (const [name, value] of Object.entries(options.query ?? {}))
    url.searchParams.set(name, value);
  const method = options.method ?? (options.json === undefined ? 'GET' : 'POST');
  const response = await fetch(url, {
    method,
    ...(options.json !== undefined
      ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(options.json) }
      : {}),
  });
  const body = Buffer.from(await response.arrayBuffer());
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body,
    json: () => JSON.parse(body.toString('utf8')) as Record<string, unknown>,
  };
}

/** Fetches a stable access token from the fake for `app`. */
export async function stableTokenOf(
  fake: FakeWechat,
  app: FakeWechatApp,
  forceRefresh = false,
): Promise<string> {
  const reply = await callFake(fake, '/cgi-bin/stable_token', {
    json: {
      grant_type: 'client_credential',
      appid: app.appid,
      secret: app.secret,
      force_refresh: forceRefresh,
    },
  });
  const token = reply.json().access_token;
  if (typeof token !== 'string') throw new Error(`no token: ${reply.body.toString()}`);
  return token;
}

/** Decodes the QR code in a PNG and returns its text. */
export function decodeQrPng(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}
