import { normaliseEmail } from '@ucz/shared';
import { rateLimitModel } from '../../src/modules/auth/rate-limit.model';
import { startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { insertAccount, roomyLimits } from '../support/accounts';

describe('login attempts per client address', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      env: { ...roomyLimits, LOGIN_ATTEMPTS_PER_IP: '4', PASSWORD_RESET_REQUESTS_PER_IP: '2' },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('are limited whatever X-Forwarded-For says', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const response = await t.api
        .post('/api/auth/login/code')
        .set('X-Forwarded-For', `203.0.113.${attempt + 1}`)
        .send({ username: `nobody${attempt}`, password: 'Wrong#Password1' });
      statuses.push(response.status);
    }

    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    const limited = await t.api
      .post('/api/auth/login')
      .send({ username: 'nobody', password: 'Wrong#Password1', code: '123456' });
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('request.rate_limited');
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.body.error.details.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('limit password reset requests too', async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const response = await t.api
        .post('/api/auth/password-reset/code')
        .send({ email: `nobody${attempt}@example.com` });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([202, 202, 429]);
  });

  it('are kept in the rate limit collection and swept when expired', async () => {
    const windows = await rateLimitModel(t.database.db).find().lean();
    expect(windows.map((entry) => entry.key).sort()).toEqual([
      'login_ip:127.0.0.1',
      'reset_ip:127.0.0.1',
    ]);

    t.clock.advance(2 * 3_600_000);
    expect(await t.services.auth.rateLimits.sweep()).toBe(2);
  });
});

describe('client address behind a trusted proxy', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      env: { ...roomyLimits, TRUSTED_PROXIES: '127.0.0.1', LOGIN_ATTEMPTS_PER_IP: '3' },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  it('comes from X-Forwarded-For, so each client has its own limit', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await t.api
        .post('/api/auth/login/code')
        .set('X-Forwarded-For', '203.0.113.10')
        .send({ username: 'nobody', password: 'Wrong#Password1' })
        .expect(401);
    }
    await t.api
      .post('/api/auth/login/code')
      .set('X-Forwarded-For', '203.0.113.10')
      .send({ username: 'nobody', password: 'Wrong#Password1' })
      .expect(429);
    await t.api
      .post('/api/auth/login/code')
      .set('X-Forwarded-For', '203.0.113.11')
      .send({ username: 'nobody', password: 'Wrong#Password1' })
      .expect(401);
  });

  it('still sends one code per destination however the address changes', async () => {
    const who = await insertAccount(t);
    const statuses: number[] = [];
    for (let request = 0; request < 5; request += 1) {
      const response = await t.api
        .post('/api/auth/login/code')
        .set('X-Forwarded-For', `198.51.100.${request + 1}`)
        .send({ username: who.username, password: who.password, channel: 'email' });
      statuses.push(response.status);
      t.clock.advance(2_000);
    }
    expect(statuses).toEqual([200, 429, 429, 429, 429]);
    expect(
      t.mail.messages().filter((mail) => mail.to.includes(normaliseEmail(who.email))),
    ).toHaveLength(1);
  });
});
