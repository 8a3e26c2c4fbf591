import supertest from 'supertest';
import type { Response } from 'supertest';
import { sessionModel } from '../../src/modules/auth/session.model';
import { scanStepModel, scanTicketModel } from '../../src/modules/wechat/scan-ticket.model';
import { WechatRequestError } from '../../src/modules/wechat/wechat-errors';
import { parseFakeWxacodePayload } from '../../src/simulator/fake-wechat';
import { insertAccount, loginBearer, roomyLimits } from '../support/accounts';
import { startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { openEventStream, stateIs } from './event-stream';
import { decodeQrPng } from './wechat-fixtures';
import { bindByEmail, boundWechatUser, loginCode, newOpenid } from './wechat-users';
import type { BoundWechatUser } from './wechat-users';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({
    // A slow poll shows that changes made on this instance reach watchers without it.
    env: { ...roomyLimits, WECHAT_SCAN_POLL_MS: '5000' },
  });
});

afterAll(async () => {
  await t.close();
});

type Browser = ReturnType<typeof supertest.agent>;

/** A browser with its own cookie jar. */
function newBrowser(): Browser {
  return supertest.agent(t.server);
}

/** Returns the `ucz_scan=…` pair that a response set. */
function scanCookieOf(response: Response): string {
  const header = (response.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
  const line = header.find((entry) => entry.startsWith('ucz_scan='));
  if (!line) throw new Error('no ucz_scan cookie was set');
  return line.split(';')[0] ?? '';
}

async function createTicket(browser: Browser) {
  const response = await browser.post('/api/wechat/scan-tickets').expect(201);
  return { ticketId: response.body.ticketId as string, response };
}

function scanPath(ticketId: string, action?: string): string {
  return `/api/wechat/scan-tickets/${ticketId}${action ? `/${action}` : ''}`;
}

/** The bound user scans with the WeChat-made bearer session of the mini-program. */
function scan(user: BoundWechatUser, ticketId: string) {
  return t.api
    .post(scanPath(ticketId, 'scan'))
    .set(...user.auth)
    .send({});
}

function confirm(user: BoundWechatUser, ticketId: string) {
  return t.api
    .post(scanPath(ticketId, 'confirm'))
    .set(...user.auth)
    .send({});
}

describe('creating a scan ticket', () => {
  it('returns a PNG carrying the ticket id', async () => {
    const browser = newBrowser();
    const { ticketId, response } = await createTicket(browser);

    expect(ticketId).toMatch(/^[0-9A-Za-z]{32}$/u);
    expect(response.body).toMatchObject({
      state: 'waiting',
      expiresAt: new Date(t.clock.now().getTime() + 2 * 60_000).toISOString(),
    });
    const image = response.body.image as string;
    expect(image.startsWith('data:image/png;base64,')).toBe(true);
    const text = decodeQrPng(Buffer.from(image.slice('data:image/png;base64,'.length), 'base64'));
    expect(parseFakeWxacodePayload(text ?? '')).toEqual({
      appid: t.wechat.miniProgram.appid,
      page: t.config.WECHAT_SCAN_LOGIN_PAGE,
      scene: ticketId,
    });

    const cookie = (response.headers['set-cookie'] as unknown as string[]).find((line) =>
      line.startsWith('ucz_scan='),
    );
    expect(cookie).toMatch(/path=\/api\/wechat\/scan-tickets/u);
    expect(cookie).toMatch(/httponly/iu);
    expect(cookie).toMatch(/samesite=strict/iu);

    // A refreshed code keeps the browser's secret.
    const second = await createTicket(browser);
    expect(second.response.headers['set-cookie']).toBeUndefined();
    await browser.get(scanPath(ticketId)).expect(200);
    await browser.get(scanPath(second.ticketId)).expect(200);
  });

  it('never sends a scene of 33 characters', async () => {
    const client = t.services.wechat.miniProgramClient;
    const callsBefore = t.wechat.callCount('/wxa/getwxacodeunlimit');

    await expect(
      client?.getUnlimitedWxacode({ scene: 'A'.repeat(33), page: t.config.WECHAT_SCAN_LOGIN_PAGE }),
    ).rejects.toThrow(WechatRequestError);

    expect(t.wechat.callCount('/wxa/getwxacodeunlimit')).toBe(callsBefore);
    for (const issued of t.wechat.issuedWxacodes())
      expect(issued.scene.length).toBeLessThanOrEqual(32);
  });

  it('answers 503 for JSON instead of image', async () => {
    const appid = t.wechat.miniProgram.appid;
    const ticketsBefore = await scanTicketModel(t.database.db).countDocuments();
    // The published version lacks the scan page: WeChat answers 41030 as JSON.
    t.wechat.setPages(appid, ['pages/index/index']);
    try {
      const response = await newBrowser().post('/api/wechat/scan-tickets').expect(503);
      expect(response.body.error.code).toBe('wechat.unavailable');
    } finally {
      t.wechat.setPages(appid, undefined);
    }
    expect(await scanTicketModel(t.database.db).countDocuments()).toBe(ticketsBefore);
  });
});

describe('watching a scan ticket', () => {
  it('shows nothing to another browser', async () => {
    const owner = newBrowser();
    const { ticketId } = await createTicket(owner);
    const stranger = newBrowser();
    const otherCookie = scanCookieOf((await createTicket(stranger)).response);

    for (const request of [
      t.api.get(scanPath(ticketId)),
      t.api.get(scanPath(ticketId)).set('Cookie', otherCookie),
      stranger.get(scanPath(ticketId)),
      stranger.post(scanPath(ticketId, 'session')),
    ]) {
      const response = await request.expect(404);
      expect(response.body.error.code).toBe('wechat.scan_ticket_not_found');
      expect(JSON.stringify(response.body)).not.toContain('waiting');
    }

    const stream = await openEventStream(`${t.baseUrl}${scanPath(ticketId, 'events')}`, {
      Cookie: otherCookie,
    });
    await stream.ended;
    expect(stream.status).toBe(404);
    expect(stream.events).toHaveLength(0);
    expect(stream.body()).not.toContain('waiting');

    const own = await owner.get(scanPath(ticketId)).expect(200);
    expect(own.body).toMatchObject({ ticketId, state: 'waiting' });
  });

  it('streams each state change at once', async () => {
    const browser = newBrowser();
    const { ticketId, response } = await createTicket(browser);
    const user = await boundWechatUser(t);
    const stream = await openEventStream(`${t.baseUrl}${scanPath(ticketId, 'events')}`, {
      Cookie: scanCookieOf(response),
    });
    try {
      expect(stream.status).toBe(200);
      expect(stream.contentType).toMatch(/^text\/event-stream/u);
      await stream.waitFor(stateIs('waiting'));

      await scan(user, ticketId).expect(200);
      const scannedAt = Date.now();
      const scanned = await stream.waitFor(stateIs('scanned'));
      // Far sooner than the 5-second poll of this file: the in-process event delivered it.
      expect(scanned.receivedAt - scannedAt).toBeLessThan(1000);

      await confirm(user, ticketId).expect(200);
      await stream.waitFor(stateIs('confirmed'));
      await stream.ended;
      expect(stream.events.map((event) => JSON.parse(event.data).state)).toEqual([
        'waiting',
        'scanned',
        'confirmed',
      ]);
    } finally {
      stream.close();
    }
  });
});

describe('scanning and confirming', () => {
  it('hands the website one session after confirm', async () => {
    const browser = newBrowser();
    const { ticketId } = await createTicket(browser);
    const user = await boundWechatUser(t);

    const scanned = await scan(user, ticketId).expect(200);
    expect(scanned.body).toEqual({
      bound: true,
      ticket: expect.objectContaining({ ticketId, state: 'scanned' }),
      account: expect.objectContaining({ username: user.account.username }),
    });
    const early = await browser.post(scanPath(ticketId, 'session')).expect(409);
    expect(early.body.error.code).toBe('wechat.scan_not_confirmed');

    const confirmed = await confirm(user, ticketId).expect(200);
    expect(confirmed.body.ticket.state).toBe('confirmed');
    expect((await browser.get(scanPath(ticketId)).expect(200)).body.state).toBe('confirmed');

    const session = await browser.post(scanPath(ticketId, 'session')).expect(200);
    expect(session.body.account.username).toBe(user.account.username);
    expect(session.body.session.tokenTransport).toBe('cookie');
    expect(session.body.session).not.toHaveProperty('accessToken');
    const me = await browser.get('/api/auth/me').expect(200);
    expect(me.body.account.username).toBe(user.account.username);
    const stored = await sessionModel(t.database.db)
      .find({ wechatIdentityId: user.identityId, transport: 'cookie' })
      .lean();
    expect(stored).toHaveLength(1);

    const second = await browser.post(scanPath(ticketId, 'session')).expect(409);
    expect(second.body.error.code).toBe('wechat.scan_ticket_closed');
    expect(second.headers['set-cookie']).toBeUndefined();
  });

  it('logs a bound user in by code scan', async () => {
    const { ticketId } = await createTicket(newBrowser());
    const user = await boundWechatUser(t);

    const response = await t.api
      .post(scanPath(ticketId, 'scan'))
      .send({ code: loginCode(t, user.openid) })
      .expect(200);

    expect(response.body.bound).toBe(true);
    expect(response.body.ticket.state).toBe('scanned');
    const token = response.body.session.accessToken as string;
    await t.api
      .post(scanPath(ticketId, 'confirm'))
      .set('Authorization', `Bearer ${token}`)
      .send({})
      .expect(200);
  });

  it('gives a second scanner a conflict', async () => {
    const { ticketId } = await createTicket(newBrowser());
    const first = await boundWechatUser(t);
    const second = await boundWechatUser(t);
    await scan(first, ticketId).expect(200);

    const taken = await scan(second, ticketId).expect(409);
    expect(taken.body.error.code).toBe('wechat.scan_ticket_taken');
    expect(taken.body.error.message).toBe(
      '该二维码已被其他微信扫描，请在网页上刷新二维码后重新扫码。',
    );
    const stolenConfirm = await confirm(second, ticketId).expect(409);
    expect(stolenConfirm.body.error.code).toBe('wechat.scan_ticket_taken');

    // The first scanner may scan again (a reopened page) and confirm.
    await scan(first, ticketId).expect(200);
    await confirm(first, ticketId).expect(200);
  });

  it('lets one of concurrent scanners win', async () => {
    const { ticketId } = await createTicket(newBrowser());
    const users = await Promise.all([boundWechatUser(t), boundWechatUser(t), boundWechatUser(t)]);

    const responses = await Promise.all(users.map((user) => scan(user, ticketId)));

    expect(responses.filter((response) => response.status === 200)).toHaveLength(1);
    expect(responses.filter((response) => response.status === 409)).toHaveLength(2);
  });

  it('refuses a confirm after expiry', async () => {
    const browser = newBrowser();
    const { ticketId } = await createTicket(browser);
    const user = await boundWechatUser(t);
    await scan(user, ticketId).expect(200);

    t.clock.advance(2 * 60_000);

    const late = await confirm(user, ticketId).expect(410);
    expect(late.body.error.code).toBe('wechat.scan_ticket_expired');
    expect((await browser.get(scanPath(ticketId)).expect(200)).body.state).toBe('expired');
    await browser.post(scanPath(ticketId, 'session')).expect(410);
    const rescan = await scan(user, ticketId).expect(410);
    expect(rescan.body.error.code).toBe('wechat.scan_ticket_expired');
  });

  it('decides a racing confirm and cancel once', async () => {
    const browser = newBrowser();
    const { ticketId } = await createTicket(browser);
    const user = await boundWechatUser(t);
    await scan(user, ticketId).expect(200);

    const actions = ['confirm', 'cancel', 'confirm', 'cancel'] as const;
    const responses = await Promise.all(
      actions.map((action) =>
        t.api
          .post(scanPath(ticketId, action))
          .set(...user.auth)
          .send({}),
      ),
    );

    const final = (await browser.get(scanPath(ticketId)).expect(200)).body.state as string;
    expect(['confirmed', 'cancelled']).toContain(final);
    actions.forEach((action, index) => {
      const won = (action === 'confirm' ? 'confirmed' : 'cancelled') === final;
      expect(responses[index]?.status).toBe(won ? 200 : 409);
    });
    expect(await scanStepModel(t.database.db).countDocuments({ ticketId, kind: 'decided' })).toBe(
      1,
    );
  });

  it('cancels, after which the website gets no session', async () => {
    const browser = newBrowser();
    const { ticketId } = await createTicket(browser);
    const user = await boundWechatUser(t);
    await scan(user, ticketId).expect(200);

    const cancelled = await t.api
      .post(scanPath(ticketId, 'cancel'))
      .set(...user.auth)
      .send({})
      .expect(200);
    expect(cancelled.body.ticket.state).toBe('cancelled');

    const session = await browser.post(scanPath(ticketId, 'session')).expect(409);
    expect(session.body.error.code).toBe('wechat.scan_ticket_closed');
    await confirm(user, ticketId).expect(409);
  });

  it('rejects confirm from a password session', async () => {
    const { ticketId } = await createTicket(newBrowser());
    const user = await boundWechatUser(t);
    await scan(user, ticketId).expect(200);
    const passwordSession = await loginBearer(t, user.account);

    const response = await t.api
      .post(scanPath(ticketId, 'confirm'))
      .set(...passwordSession.auth)
      .send({})
      .expect(401);
    expect(response.body.error.code).toBe('wechat.identity_required');
  });
});

describe('scanning as an unbound WeChat user', () => {
  it('binds and completes the website login', async () => {
    const browser = newBrowser();
    const { ticketId } = await createTicket(browser);
    const account = await insertAccount(t);
    const openid = newOpenid();

    const scanned = await t.api
      .post(scanPath(ticketId, 'scan'))
      .send({ code: loginCode(t, openid) })
      .expect(200);
    expect(scanned.body).toMatchObject({ bound: false, ticket: { state: 'scanned' } });

    const bound = await bindByEmail(t, { bindTicket: scanned.body.bindTicket as string, account });
    expect(bound.status).toBe(200);
    expect(bound.body.scanTicket).toEqual(
      expect.objectContaining({ ticketId, state: 'confirmed' }),
    );

    await browser.post(scanPath(ticketId, 'session')).expect(200);
    const me = await browser.get('/api/auth/me').expect(200);
    expect(me.body.account.username).toBe(account.username);
  });

  it('cancels with the bind ticket (取消 before binding)', async () => {
    const browser = newBrowser();
    const { ticketId } = await createTicket(browser);
    const scanned = await t.api
      .post(scanPath(ticketId, 'scan'))
      .send({ code: loginCode(t, newOpenid()) })
      .expect(200);

    const cancelled = await t.api
      .post(scanPath(ticketId, 'cancel'))
      .send({ bindTicket: scanned.body.bindTicket })
      .expect(200);
    expect(cancelled.body.ticket.state).toBe('cancelled');
    expect((await browser.get(scanPath(ticketId)).expect(200)).body.state).toBe('cancelled');
  });

  it('ends the scan-made website session on unbind', async () => {
    const browser = newBrowser();
    const { ticketId } = await createTicket(browser);
    const user = await boundWechatUser(t);
    await scan(user, ticketId).expect(200);
    await confirm(user, ticketId).expect(200);
    await browser.post(scanPath(ticketId, 'session')).expect(200);
    await browser.get('/api/auth/me').expect(200);

    await t.api
      .delete('/api/wechat/binding')
      .set(...user.auth)
      .expect(204);

    const refused = await browser.get('/api/auth/me').expect(401);
    expect(refused.body.error.code).toBe('auth.unauthenticated');
  });
});
