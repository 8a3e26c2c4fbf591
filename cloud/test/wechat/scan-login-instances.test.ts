import http from 'node:http';
import type { AddressInfo } from 'node:net';
import supertest from 'supertest';
import { buildApp } from '../../src/app';
import { roomyLimits } from '../support/accounts';
import { startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { openEventStream, stateIs } from './event-stream';
import { boundWechatUser } from './wechat-users';

/** A second server instance: its own app and in-process events, the same database and WeChat. */
interface SecondInstance {
  baseUrl: string;
  server: http.Server;
  close(): Promise<void>;
}

let first: TestApp;
let second: SecondInstance;

async function startSecondInstance(t: TestApp): Promise<SecondInstance> {
  const built = buildApp({ ...t.deps });
  const server = http.createServer(built.app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    server,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

beforeAll(async () => {
  first = await startTestApp({
    env: {
      ...roomyLimits,
      // Both instances sign and accept the same session tokens, as in production.
      SESSION_SIGNING_KEYS: 'k1=0123456789abcdef0123456789abcdef-instances',
      WECHAT_SCAN_POLL_MS: '500',
    },
  });
  second = await startSecondInstance(first);
});

afterAll(async () => {
  await second.close();
  await first.close();
});

describe('scan login across two instances', () => {
  it('streams a confirm made on another instance', async () => {
    const browser = supertest.agent(second.server);
    const created = await browser.post('/api/wechat/scan-tickets').expect(201);
    const ticketId = created.body.ticketId as string;
    const cookie = (created.headers['set-cookie'] as unknown as string[])
      .find((line) => line.startsWith('ucz_scan='))
      ?.split(';')[0];
    const stream = await openEventStream(
      `${second.baseUrl}/api/wechat/scan-tickets/${ticketId}/events`,
      { Cookie: cookie ?? '' },
    );
    try {
      await stream.waitFor(stateIs('waiting'));
      const user = await boundWechatUser(first);

      // The mini-program reaches the first instance.
      await first.api
        .post(`/api/wechat/scan-tickets/${ticketId}/scan`)
        .set(...user.auth)
        .send({})
        .expect(200);
      await stream.waitFor(stateIs('scanned'), 2000);
      await first.api
        .post(`/api/wechat/scan-tickets/${ticketId}/confirm`)
        .set(...user.auth)
        .send({})
        .expect(200);
      const confirmedAt = Date.now();

      const confirmed = await stream.waitFor(stateIs('confirmed'), 2000);
      expect(confirmed.receivedAt - confirmedAt).toBeLessThan(1500);
      await stream.ended;

      // The browser collects its session on its own instance; the token works on both.
      const session = await browser
        .post(`/api/wechat/scan-tickets/${ticketId}/session`)
        .expect(200);
      const me = await browser.get('/api/auth/me').expect(200);
      expect(me.body.account.username).toBe(user.account.username);
      const accessCookie = (session.headers['set-cookie'] as unknown as string[])
        .find((line) => line.startsWith('ucz_at='))
        ?.split(';')[0];
      await first.api
        .get('/api/auth/me')
        .set('Cookie', accessCookie ?? '')
        .expect(200);
      const collected = await first.api
        .post(`/api/wechat/scan-tickets/${ticketId}/session`)
        .set('Cookie', cookie ?? '')
        .expect(409);
      expect(collected.body.error.code).toBe('wechat.scan_ticket_closed');
    } finally {
      stream.close();
    }
  });

  it('polls a ticket from another instance', async () => {
    const created = await first.api.post('/api/wechat/scan-tickets').expect(201);
    const cookie = (created.headers['set-cookie'] as unknown as string[])
      .find((line) => line.startsWith('ucz_scan='))
      ?.split(';')[0];

    const polled = await supertest(second.server)
      .get(`/api/wechat/scan-tickets/${created.body.ticketId}`)
      .set('Cookie', cookie ?? '')
      .expect(200);
    expect(polled.body.state).toBe('waiting');
  });
});
