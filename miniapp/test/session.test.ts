import { createAuthApi } from '@/api/auth';
import { createReviewApi } from '@/api/review';
import { isSessionEnded } from '@/api/session';
import { cookieSession, selfView } from './support/accounts';
import { clearCookies, setScriptCookie } from './support/cookies';
import { startFakeApi, useApiBase } from './support/fake-api';
import type { FakeApi } from './support/fake-api';
import { errorBody } from './support/fixtures';

const unauthenticated = { status: 401, body: errorBody('auth.unauthenticated', '请先登录。') };

let api: FakeApi;

beforeEach(async () => {
  clearCookies();
  api = await startFakeApi();
  useApiBase(api.url);
});

afterEach(async () => {
  await api.close();
});

const requestsTo = (method: string, path: string) =>
  api.requests.filter((request) => request.method === method && request.path === path);

test('unsafe cookie requests carry the CSRF cookie in X-CSRF-Token', async () => {
  setScriptCookie('ucz_csrf', 'csrf-token-1');
  api.route({
    'GET /api/auth/me': () => ({ body: { account: selfView() } }),
    'POST /api/auth/password': () => ({ body: { session: cookieSession } }),
  });
  const auth = createAuthApi('network failed');

  await auth.me();
  await auth.changePassword('Old!Pass1', 'New!Pass2');

  expect(requestsTo('GET', '/api/auth/me')[0]?.headers['x-csrf-token']).toBeUndefined();
  expect(requestsTo('POST', '/api/auth/password')[0]?.headers['x-csrf-token']).toBe('csrf-token-1');
});

test('staff requests use the staff CSRF cookie', async () => {
  setScriptCookie('ucz_csrf', 'account-token');
  setScriptCookie('ucz_staff_csrf', 'staff-token');
  api.route({
    'POST /api/review/applications/64c000000000000000000001/reject': () => ({ body: {} }),
  });

  await createReviewApi('network failed').reject('64c000000000000000000001', '资料不清晰');

  const [reject] = api.requests;
  expect(reject?.headers['x-csrf-token']).toBe('staff-token');
  expect(reject?.body).toEqual({ reason: '资料不清晰' });
});

test('login asks for cookie transport and needs no CSRF token', async () => {
  api.route({
    'POST /api/auth/login': () => ({ body: { session: cookieSession, account: selfView() } }),
  });
  await createAuthApi('network failed').login({
    username: 'hk.alice',
    password: 'Str0ng!Pass',
    code: '123456',
  });
  const [login] = api.requests;
  expect(login?.body).toMatchObject({ tokenTransport: 'cookie' });
  expect(login?.headers['x-csrf-token']).toBeUndefined();
});

test('concurrent 401s share one refresh, then retry', async () => {
  setScriptCookie('ucz_csrf', 'csrf-before');
  let refreshed = false;
  api.route({
    'GET /api/auth/me': () => (refreshed ? { body: { account: selfView() } } : unauthenticated),
    'POST /api/auth/refresh': () => {
      refreshed = true;
      // The server rotates the CSRF cookie with the tokens.
      setScriptCookie('ucz_csrf', 'csrf-after');
      return { body: { session: cookieSession }, delayMs: 50 };
    },
  });
  const auth = createAuthApi('network failed');

  const results = await Promise.all([auth.me(), auth.me(), auth.me()]);

  expect(results.map((result) => result.account.username)).toEqual([
    'hk.alice',
    'hk.alice',
    'hk.alice',
  ]);
  const refreshes = requestsTo('POST', '/api/auth/refresh');
  expect(refreshes).toHaveLength(1);
  expect(refreshes[0]?.headers['x-csrf-token']).toBe('csrf-before');
  expect(requestsTo('GET', '/api/auth/me')).toHaveLength(6);
});

test('a refused refresh reports the ended session', async () => {
  api.route({
    'GET /api/auth/me': () => unauthenticated,
    'POST /api/auth/refresh': () => unauthenticated,
  });
  const error = await createAuthApi('network failed')
    .me()
    .catch((failure: unknown) => failure);

  expect(isSessionEnded(error)).toBe(true);
  expect(requestsTo('POST', '/api/auth/refresh')).toHaveLength(1);
  expect(requestsTo('GET', '/api/auth/me')).toHaveLength(1);
});

test('staff sessions refresh at the review API', async () => {
  let refreshed = false;
  api.route({
    'GET /api/review/me': () =>
      refreshed
        ? { body: { staff: { id: 's1', username: 'reviewer', role: 'reviewer' } } }
        : unauthenticated,
    'POST /api/review/refresh': () => {
      refreshed = true;
      return { body: { session: cookieSession } };
    },
  });

  const { staff } = await createReviewApi('network failed').me();

  expect(staff.username).toBe('reviewer');
  expect(requestsTo('POST', '/api/review/refresh')).toHaveLength(1);
  expect(requestsTo('POST', '/api/auth/refresh')).toHaveLength(0);
});

test('other errors pass through without a refresh', async () => {
  api.route({
    'POST /api/auth/password': () => ({
      status: 400,
      body: errorBody('password.incorrect', '原密码错误。'),
    }),
  });
  await expect(
    createAuthApi('network failed').changePassword('wrong', 'New!Pass2'),
  ).rejects.toMatchObject({ code: 'password.incorrect', message: '原密码错误。' });
  expect(requestsTo('POST', '/api/auth/refresh')).toHaveLength(0);
});

test('logout sends the CSRF token and succeeds without a session', async () => {
  setScriptCookie('ucz_csrf', 'csrf-token-2');
  api.route({ 'POST /api/auth/logout': () => ({ status: 204 }) });
  await createAuthApi('network failed').logout(true);
  const [logout] = api.requests;
  expect(logout?.headers['x-csrf-token']).toBe('csrf-token-2');
  expect(logout?.body).toEqual({ everywhere: true });
});
