import type { Response } from 'supertest';
import { startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import {
  accountPassword,
  insertAccount,
  newPassword,
  requestEmailCode,
  roomyLimits,
} from '../support/accounts';
import type { TestAccount } from '../support/accounts';

interface SetCookie {
  name: string;
  value: string;
  attributes: Record<string, string | true>;
}

function setCookiesOf(response: Response): Map<string, SetCookie> {
  const header = response.headers['set-cookie'] as unknown as string[] | undefined;
  const cookies = new Map<string, SetCookie>();
  for (const line of header ?? []) {
    const [pair = '', ...rest] = line.split(';').map((part) => part.trim());
    const separator = pair.indexOf('=');
    const attributes: Record<string, string | true> = {};
    for (const attribute of rest) {
      const [key = '', value] = attribute.split('=');
      attributes[key.toLowerCase()] = value ?? true;
    }
    cookies.set(pair.slice(0, separator), {
      name: pair.slice(0, separator),
      value: pair.slice(separator + 1),
      attributes,
    });
  }
  return cookies;
}

/** A browser's cookie jar, reduced to what these tests need: names and values. */
class Jar {
  private readonly values = new Map<string, string>();

  take(response: Response): void {
    for (const cookie of setCookiesOf(response).values()) {
      if (cookie.value === '') this.values.delete(cookie.name);
      else this.values.set(cookie.name, cookie.value);
    }
  }

  get(name: string): string | undefined {
    return this.values.get(name);
  }

  header(): string {
    return [...this.values].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

async function loginWithCookies(
  t: TestApp,
  who: TestAccount,
  headers: Record<string, string> = {},
) {
  const { challengeId, code } = await requestEmailCode(t, who);
  const request = t.api.post('/api/auth/login');
  for (const [name, value] of Object.entries(headers)) request.set(name, value);
  const response = await request.send({ challengeId, password: who.password, code }).expect(200);
  const jar = new Jar();
  jar.take(response);
  return { response, jar };
}

describe('cookie sessions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ now: new Date('2026-03-02T02:00:00Z'), env: roomyLimits });
  });

  afterAll(async () => {
    await t.close();
  });

  it('set HttpOnly SameSite cookies and return only the CSRF token', async () => {
    const who = await insertAccount(t);
    const { response } = await loginWithCookies(t, who);
    const cookies = setCookiesOf(response);

    expect(response.body.session.tokenTransport).toBe('cookie');
    expect(response.body.session.accessToken).toBeUndefined();
    expect(response.body.session.refreshToken).toBeUndefined();
    expect(response.body.session.csrfToken).toEqual(cookies.get('ucz_csrf')?.value);

    expect(cookies.get('ucz_at')?.attributes).toMatchObject({
      path: '/',
      httponly: true,
      samesite: 'lax',
    });
    expect(cookies.get('ucz_rt')?.attributes).toMatchObject({
      path: '/api/auth',
      httponly: true,
      samesite: 'strict',
    });
    expect(cookies.get('ucz_csrf')?.attributes).toMatchObject({ path: '/', samesite: 'lax' });
    expect(cookies.get('ucz_csrf')?.attributes.httponly).toBeUndefined();
    for (const cookie of cookies.values()) expect(cookie.attributes.secure).toBeUndefined();
  });

  it('authenticate safe requests without a CSRF token', async () => {
    const who = await insertAccount(t);
    const { jar } = await loginWithCookies(t, who);

    const response = await t.api.get('/api/auth/me').set('Cookie', jar.header()).expect(200);
    expect(response.body.account.id).toBe(who.id);
  });

  it('require the CSRF token on unsafe requests', async () => {
    const who = await insertAccount(t);
    const { jar } = await loginWithCookies(t, who);
    t.clock.advance(61_000);
    const other = await loginWithCookies(t, who);
    const change = () => t.api.post('/api/auth/password').set('Cookie', jar.header());
    const body = { oldPassword: accountPassword, newPassword };

    const missing = await change().send(body).expect(403);
    expect(missing.body.error.code).toBe('auth.csrf_invalid');
    await change().set('X-CSRF-Token', 'forged').send(body).expect(403);
    // The token of another session does not fit this one, even when cookie and header agree.
    const otherToken = other.jar.get('ucz_csrf') ?? '';
    await t.api
      .post('/api/auth/password')
      .set('Cookie', `ucz_at=${jar.get('ucz_at')}; ucz_csrf=${otherToken}`)
      .set('X-CSRF-Token', otherToken)
      .send(body)
      .expect(403);

    await change()
      .set('X-CSRF-Token', jar.get('ucz_csrf') ?? '')
      .send(body)
      .expect(200);
  });

  it('refresh through the cookie with the CSRF token', async () => {
    const who = await insertAccount(t);
    const { jar } = await loginWithCookies(t, who);
    const oldAccess = jar.get('ucz_at');
    const oldRefresh = jar.get('ucz_rt');
    // Tokens signed in the same second with the same claims are identical.
    t.clock.advance(1000);

    await t.api.post('/api/auth/refresh').set('Cookie', jar.header()).send({}).expect(403);
    const response = await t.api
      .post('/api/auth/refresh')
      .set('Cookie', jar.header())
      .set('X-CSRF-Token', jar.get('ucz_csrf') ?? '')
      .send({})
      .expect(200);
    jar.take(response);

    expect(jar.get('ucz_at')).not.toBe(oldAccess);
    expect(jar.get('ucz_rt')).not.toBe(oldRefresh);
    expect(response.body.session.accessToken).toBeUndefined();
    await t.api.get('/api/auth/me').set('Cookie', jar.header()).expect(200);
  });

  it('log out with the CSRF token and clear the cookies', async () => {
    const who = await insertAccount(t);
    const { jar } = await loginWithCookies(t, who);
    const before = jar.header();

    await t.api.post('/api/auth/logout').set('Cookie', before).send({}).expect(403);
    const response = await t.api
      .post('/api/auth/logout')
      .set('Cookie', before)
      .set('X-CSRF-Token', jar.get('ucz_csrf') ?? '')
      .send({})
      .expect(204);

    const cleared = setCookiesOf(response);
    expect(cleared.get('ucz_at')?.value).toBe('');
    expect(cleared.get('ucz_rt')?.value).toBe('');
    await t.api.get('/api/auth/me').set('Cookie', before).expect(401);
  });

  it('prefer the Authorization header, which needs no CSRF token', async () => {
    const who = await insertAccount(t);
    const { jar } = await loginWithCookies(t, who);

    const response = await t.api
      .get('/api/auth/me')
      .set('Cookie', jar.header())
      .set('Authorization', 'Bearer not-a-token')
      .expect(401);
    expect(response.body.error.code).toBe('auth.unauthenticated');
  });
});

describe('cookie Secure flag', () => {
  it('is set with COOKIE_SECURE', async () => {
    const t = await startTestApp({ env: { ...roomyLimits, COOKIE_SECURE: 'true' } });
    try {
      const who = await insertAccount(t);
      const { response } = await loginWithCookies(t, who);
      for (const cookie of setCookiesOf(response).values())
        expect(cookie.attributes.secure).toBe(true);
    } finally {
      await t.close();
    }
  });

  it('follows X-Forwarded-Proto only from a trusted proxy', async () => {
    const t = await startTestApp({ env: { ...roomyLimits, TRUSTED_PROXIES: '127.0.0.1' } });
    try {
      const who = await insertAccount(t);
      const { response } = await loginWithCookies(t, who, { 'X-Forwarded-Proto': 'https' });
      for (const cookie of setCookiesOf(response).values())
        expect(cookie.attributes.secure).toBe(true);
    } finally {
      await t.close();
    }

    const untrusted = await startTestApp({ env: roomyLimits });
    try {
      const who = await insertAccount(untrusted);
      const { response } = await loginWithCookies(untrusted, who, { 'X-Forwarded-Proto': 'https' });
      for (const cookie of setCookiesOf(response).values())
        expect(cookie.attributes.secure).toBeUndefined();
    } finally {
      await untrusted.close();
    }
  });
});
