import { parseFakeWxacodePayload } from '../../src/simulator/fake-wechat';
import type { FakeWechat } from '../../src/simulator/fake-wechat';
import type { ManualClock } from '../../src/lib/clock';
import {
  boundApp,
  callFake,
  decodeQrPng,
  miniApp,
  officialApp,
  stableTokenOf,
  startTestFake,
} from './wechat-fixtures';

let fake: FakeWechat;
let clock: ManualClock;

beforeAll(async () => {
  ({ fake, clock } = await startTestFake());
});

afterAll(async () => {
  await fake.stop();
});

function code2Session(appid: string, secret: string, code: string) {
  return callFake(fake, '/sns/jscode2session', {
    query: { appid, secret, js_code: code, grant_type: 'authorization_code' },
  });
}

describe('fake jscode2session', () => {
  it('accepts a code once, then answers 40163', async () => {
    const code = fake.issueLoginCode(miniApp.appid, 'openid-once');
    const first = (await code2Session(miniApp.appid, miniApp.secret, code)).json();
    expect(first.openid).toBe('openid-once');
    expect(typeof first.session_key).toBe('string');
    expect(first).not.toHaveProperty('unionid');

    const second = await code2Session(miniApp.appid, miniApp.secret, code);
    expect(second.status).toBe(200);
    expect(second.json().errcode).toBe(40163);
  });

  it('answers 40029 for unknown codes and codes of another app', async () => {
    expect((await code2Session(miniApp.appid, miniApp.secret, 'never-issued')).json().errcode).toBe(
      40029,
    );
    const otherAppCode = fake.issueLoginCode(boundApp.appid, 'openid-other-app');
    expect((await code2Session(miniApp.appid, miniApp.secret, otherAppCode)).json().errcode).toBe(
      40029,
    );
  });

  it('answers 40029 for a code older than 5 minutes', async () => {
    const code = fake.issueLoginCode(miniApp.appid, 'openid-late');
    clock.advance(5 * 60_000 + 1000);
    expect((await code2Session(miniApp.appid, miniApp.secret, code)).json().errcode).toBe(40029);
  });

  it('returns a unionid only for a bound app', async () => {
    const code = fake.issueLoginCode(boundApp.appid, 'openid-bound');
    const reply = (await code2Session(boundApp.appid, boundApp.secret, code)).json();
    expect(typeof reply.unionid).toBe('string');
    expect(reply.unionid).not.toBe('openid-bound');
  });

  it('rejects a wrong secret with 40125', async () => {
    const code = fake.issueLoginCode(miniApp.appid, 'openid-secret');
    expect((await code2Session(miniApp.appid, 'wrong-secret', code)).json().errcode).toBe(40125);
  });
});

describe('fake access tokens', () => {
  it('returns the same stable token while it is valid', async () => {
    const first = await stableTokenOf(fake, officialApp);
    const second = await stableTokenOf(fake, officialApp);
    expect(second).toBe(first);
  });

  it('limits force refresh and revokes earlier tokens', async () => {
    const before = await stableTokenOf(fake, boundApp);
    clock.advance(60_000);
    const forced = await stableTokenOf(fake, boundApp, true);
    expect(forced).not.toBe(before);

    const again = await callFake(fake, '/cgi-bin/stable_token', {
      json: {
        grant_type: 'client_credential',
        appid: boundApp.appid,
        secret: boundApp.secret,
        force_refresh: true,
      },
    });
    expect(again.json().errcode).toBe(45011);
  });

  it('lets a classic token call revoke the previous classic token', async () => {
    const query = { grant_type: 'client_credential', appid: miniApp.appid, secret: miniApp.secret };
    const first = (await callFake(fake, '/cgi-bin/token', { query })).json().access_token as string;
    await callFake(fake, '/cgi-bin/token', { query });
    const reply = await callFake(fake, '/wxa/getwxacodeunlimit', {
      query: { access_token: first },
      json: { scene: 'abc' },
    });
    expect(reply.json().errcode).toBe(40001);
  });
});

describe('fake getwxacodeunlimit', () => {
  async function wxacode(json: unknown, token?: string) {
    return callFake(fake, '/wxa/getwxacodeunlimit', {
      query: { access_token: token ?? (await stableTokenOf(fake, miniApp)) },
      json,
    });
  }

  it('returns a PNG of a QR code that carries the scene and page', async () => {
    const reply = await wxacode({
      scene: 'T0ken42',
      page: 'pages/login/confirm',
      check_path: true,
      width: 280,
    });
    expect(reply.status).toBe(200);
    expect(reply.contentType).toBe('image/png');
    expect(reply.body.subarray(1, 4).toString('latin1')).toBe('PNG');
    const text = decodeQrPng(reply.body);
    expect(text).toBeDefined();
    expect(parseFakeWxacodePayload(text ?? '')).toEqual({
      appid: miniApp.appid,
      page: 'pages/login/confirm',
      scene: 'T0ken42',
    });
  });

  it.each([
    ['an empty scene', { scene: '' }, 40169],
    ['a 33-character scene', { scene: 'a'.repeat(33) }, 40169],
    ['a scene with %', { scene: 'abc%20' }, 40129],
    ['a scene with Chinese', { scene: '登录' }, 40129],
    ['a page with a leading slash', { scene: 'abc', page: '/pages/login/confirm' }, 41030],
    ['a page with a query', { scene: 'abc', page: 'pages/login/confirm?x=1' }, 41030],
    ['a page the app does not have', { scene: 'abc', page: 'pages/nowhere/index' }, 41030],
  ])('answers JSON for %s', async (_name, body, errcode) => {
    const reply = await wxacode(body);
    expect(reply.status).toBe(200);
    expect(reply.contentType).toMatch(/^application\/json/u);
    expect(reply.json().errcode).toBe(errcode);
  });

  it('accepts an unknown page when check_path is false', async () => {
    const reply = await wxacode({ scene: 'abc', page: 'pages/new/index', check_path: false });
    expect(reply.contentType).toBe('image/png');
  });

  it('answers 40001 for a bad token and 48001 for an official account token', async () => {
    expect((await wxacode({ scene: 'abc' }, 'not-a-token')).json().errcode).toBe(40001);
    const officialToken = await stableTokenOf(fake, officialApp);
    expect((await wxacode({ scene: 'abc' }, officialToken)).json().errcode).toBe(48001);
  });
});

describe('fake subscribe messages', () => {
  const validData = {
    character_string1: { value: 'UCZ-2026-0001' },
    phrase2: { value: '审核通过' },
    time3: { value: '2026年3月2日 10:00' },
    thing4: { value: '请登录查看' },
  };

  async function send(body: Record<string, unknown>) {
    return callFake(fake, '/cgi-bin/message/subscribe/send', {
      query: { access_token: await stableTokenOf(fake, miniApp) },
      json: { template_id: 'tmpl-review', data: validData, ...body },
    });
  }

  it('consumes one grant per message and answers 43101 when none is left', async () => {
    fake.grantSubscribeMessage(miniApp.appid, 'openid-sub', 'tmpl-review');
    expect((await send({ touser: 'openid-sub' })).json().errcode).toBe(0);
    expect(fake.subscribeGrantsLeft(miniApp.appid, 'openid-sub', 'tmpl-review')).toBe(0);
    expect((await send({ touser: 'openid-sub' })).json().errcode).toBe(43101);
    expect(fake.sentSubscribeMessages().filter((m) => m.touser === 'openid-sub')).toHaveLength(1);
  });

  it('answers 47003 naming the field whose value breaks its type', async () => {
    fake.grantSubscribeMessage(miniApp.appid, 'openid-47003', 'tmpl-review');
    const tooLong = await send({
      touser: 'openid-47003',
      data: { ...validData, thing4: { value: '字'.repeat(21) } },
    });
    expect(tooLong.json().errcode).toBe(47003);
    expect(tooLong.json().errmsg).toContain('thing4');

    const badPhrase = await send({
      touser: 'openid-47003',
      data: { ...validData, phrase2: { value: 'approved' } },
    });
    expect(badPhrase.json().errmsg).toContain('phrase2');
    expect(fake.subscribeGrantsLeft(miniApp.appid, 'openid-47003', 'tmpl-review')).toBe(1);
  });

  it('answers 40003 for an unknown openid and 40037 for an unknown template', async () => {
    expect((await send({ touser: 'openid-nobody' })).json().errcode).toBe(40003);
    fake.addUser(miniApp.appid, 'openid-known');
    expect((await send({ touser: 'openid-known', template_id: 'tmpl-none' })).json().errcode).toBe(
      40037,
    );
  });
});

describe('fake template messages', () => {
  it('answers 43004 until the user follows the official account', async () => {
    const token = await stableTokenOf(fake, officialApp);
    const body = {
      touser: 'oa-openid',
      template_id: 'tmpl-official',
      data: { first: { value: 'hello' } },
    };
    fake.addUser(officialApp.appid, 'oa-openid');
    const refused = await callFake(fake, '/cgi-bin/message/template/send', {
      query: { access_token: token },
      json: body,
    });
    expect(refused.json().errcode).toBe(43004);

    fake.setFollower(officialApp.appid, 'oa-openid', true);
    const sent = await callFake(fake, '/cgi-bin/message/template/send', {
      query: { access_token: token },
      json: body,
    });
    expect(sent.json().errcode).toBe(0);
    expect(typeof sent.json().msgid).toBe('number');
    expect(fake.sentTemplateMessages()).toHaveLength(1);
  });
});
