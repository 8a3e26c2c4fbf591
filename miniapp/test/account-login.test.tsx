import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { AccountLogin } from '@/pages/login/AccountLogin';
import { storageKeys } from '@/platform/storage';
import { cookieSession, selfView } from './support/accounts';
import { clearCookies } from './support/cookies';
import { startFakeApi, useApiBase } from './support/fake-api';
import type { FakeApi } from './support/fake-api';
import { errorBody } from './support/fixtures';
import { captureNavigation } from './support/navigation';
import { fieldRow, inputIn, isDisabled, nutButton, renderWithI18n } from './support/render';

const codeSent = {
  challengeId: 'challenge-1',
  channel: 'sms',
  destination: '+852****4567',
  copiedToManager: false,
  expiresInSeconds: 300,
  resendAfterSeconds: 60,
};

let api: FakeApi;

beforeEach(async () => {
  localStorage.clear();
  clearCookies();
  api = await startFakeApi({
    'POST /api/auth/login/code': (request) => {
      const body = request.body as { channel: string; copyToManager: boolean };
      return {
        body: {
          ...codeSent,
          channel: body.channel === 'email' || body.copyToManager ? 'email' : 'sms',
          destination: body.channel === 'email' ? 'a***@example.hk' : codeSent.destination,
          copiedToManager: body.copyToManager,
        },
      };
    },
    'POST /api/auth/login': () => ({ body: { session: cookieSession, account: selfView() } }),
  });
  useApiBase(api.url);
});

afterEach(async () => {
  jest.restoreAllMocks();
  await api.close();
});

function typeIn(container: HTMLElement, field: string, value: string) {
  fireEvent.input(inputIn(fieldRow(container, field)), { target: { value } });
}

function fillCredentials(container: HTMLElement) {
  typeIn(container, 'username', 'hk.alice');
  typeIn(container, 'password', 'Str0ng!Pass');
}

const posts = (path: string) =>
  api.requests.filter((request) => request.method === 'POST' && request.path === path);

test('login needs both the password and the code', async () => {
  const { container } = renderWithI18n(<AccountLogin />);
  typeIn(container, 'username', 'hk.alice');
  fireEvent.click(nutButton(container, '登录'));
  expect(within(fieldRow(container, 'password')).getByText('请输入密码')).toBeInTheDocument();
  expect(within(fieldRow(container, 'code')).getByText('请输入验证码')).toBeInTheDocument();

  typeIn(container, 'password', 'Str0ng!Pass');
  fireEvent.click(nutButton(container, '登录'));
  expect(within(fieldRow(container, 'code')).getByText('请输入验证码')).toBeInTheDocument();
  expect(api.requests).toHaveLength(0);
});

test('the SMS code needs the account and password first', async () => {
  const { container } = renderWithI18n(<AccountLogin />);
  fireEvent.click(nutButton(container, '获取短信验证码'));
  await waitFor(() => expect(isDisabled(nutButton(container, '获取短信验证码'))).toBe(false));
  expect(within(fieldRow(container, 'username')).getByText('请输入账号')).toBeInTheDocument();
  expect(within(fieldRow(container, 'password')).getByText('请输入密码')).toBeInTheDocument();
  expect(api.requests).toHaveLength(0);
});

test('获取短信验证码 sends by SMS and starts the 60 s countdown', async () => {
  const { container } = renderWithI18n(<AccountLogin />);
  fillCredentials(container);
  fireEvent.click(nutButton(container, '获取短信验证码'));

  expect(await screen.findByText('60秒后重新获取')).toBeInTheDocument();
  expect(isDisabled(nutButton(container, '60秒后重新获取'))).toBe(true);
  expect(
    screen.getByText('验证码已发送至手机 +852****4567，5分钟内有效。', { exact: false }),
  ).toBeInTheDocument();
  expect(posts('/api/auth/login/code')[0]?.body).toEqual({
    username: 'hk.alice',
    password: 'Str0ng!Pass',
    channel: 'sms',
    copyToManager: false,
  });

  fireEvent.click(nutButton(container, '60秒后重新获取'));
  expect(posts('/api/auth/login/code')).toHaveLength(1);
});

test('the countdown runs down and allows a new code', async () => {
  api.route({
    'POST /api/auth/login/code': () => ({ body: { ...codeSent, resendAfterSeconds: 2 } }),
  });
  const { container } = renderWithI18n(<AccountLogin />);
  fillCredentials(container);
  fireEvent.click(nutButton(container, '获取短信验证码'));
  expect(await screen.findByText('2秒后重新获取')).toBeInTheDocument();
  expect(await screen.findByText('1秒后重新获取', {}, { timeout: 1500 })).toBeInTheDocument();
  await waitFor(() => expect(isDisabled(nutButton(container, '获取短信验证码'))).toBe(false), {
    timeout: 1500,
  });
});

test('a too early resend shows the wait and counts it down', async () => {
  api.route({
    'POST /api/auth/login/code': () => ({
      status: 429,
      body: {
        error: {
          code: 'otp.resend_too_soon',
          message: '验证码发送过于频繁，请 42 秒后再试。',
          details: { retryAfterSeconds: 42 },
        },
      },
    }),
  });
  const { container } = renderWithI18n(<AccountLogin />);
  fillCredentials(container);
  fireEvent.click(nutButton(container, '获取短信验证码'));
  expect(
    await within(fieldRow(container, 'code')).findByText('验证码发送过于频繁，请 42 秒后再试。'),
  ).toBeInTheDocument();
  expect(screen.getByText('42秒后重新获取')).toBeInTheDocument();
});

test('使用邮箱验证码 sends the code by email', async () => {
  const { container } = renderWithI18n(<AccountLogin />);
  fillCredentials(container);
  fireEvent.click(screen.getByText('使用邮箱验证码'));
  fireEvent.click(nutButton(container, '获取邮箱验证码'));
  expect(
    await screen.findByText('验证码已发送至邮箱 a***@example.hk，5分钟内有效。', { exact: false }),
  ).toBeInTheDocument();
  expect(posts('/api/auth/login/code')[0]?.body).toMatchObject({
    channel: 'email',
    copyToManager: false,
  });
});

test('抄送给客户经理 ticks the email code and asks for the copy', async () => {
  const { container } = renderWithI18n(<AccountLogin />);
  fillCredentials(container);
  fireEvent.click(screen.getByText('抄送给客户经理'));
  // The copy goes by email, so the email code is ticked with it.
  fireEvent.click(nutButton(container, '获取邮箱验证码'));
  expect(await screen.findByText(/验证码已同时抄送给客户经理/u)).toBeInTheDocument();
  expect(posts('/api/auth/login/code')[0]?.body).toMatchObject({
    channel: 'email',
    copyToManager: true,
  });
});

test('unticking the email code also unticks the manager copy', async () => {
  const { container } = renderWithI18n(<AccountLogin />);
  fillCredentials(container);
  fireEvent.click(screen.getByText('抄送给客户经理'));
  fireEvent.click(screen.getByText('使用邮箱验证码'));
  fireEvent.click(nutButton(container, '获取短信验证码'));
  await screen.findByText('60秒后重新获取');
  expect(posts('/api/auth/login/code')[0]?.body).toMatchObject({
    channel: 'sms',
    copyToManager: false,
  });
});

test('wrong or locked credentials show the message and the lock hint', async () => {
  api.route({
    'POST /api/auth/login/code': () => ({
      status: 401,
      body: errorBody('auth.invalid_credentials', '账号或密码错误。'),
    }),
  });
  const { container } = renderWithI18n(<AccountLogin />);
  fillCredentials(container);
  fireEvent.click(nutButton(container, '获取短信验证码'));
  expect(await screen.findByText('账号或密码错误。')).toBeInTheDocument();
  expect(screen.getByText(/连续多次输错密码后，账号将被暂时锁定/u)).toBeInTheDocument();
  // No countdown after a refusal: the user may correct the password and ask again.
  expect(isDisabled(nutButton(container, '获取短信验证码'))).toBe(false);
});

test('a wrong code is shown at 验证码', async () => {
  api.route({
    'POST /api/auth/login': () => ({
      status: 400,
      body: errorBody('otp.invalid', '验证码错误，请重新输入。'),
    }),
  });
  const { container } = renderWithI18n(<AccountLogin />);
  fillCredentials(container);
  typeIn(container, 'code', '000000');
  fireEvent.click(nutButton(container, '登录'));
  expect(
    await within(fieldRow(container, 'code')).findByText('验证码错误，请重新输入。'),
  ).toBeInTheDocument();
  expect(screen.queryByText(/连续多次输错密码后/u)).not.toBeInTheDocument();
});

test('login sends the challenge with cookie transport', async () => {
  const navigation = captureNavigation();
  const { container } = renderWithI18n(<AccountLogin />);
  fillCredentials(container);
  fireEvent.click(nutButton(container, '获取短信验证码'));
  await screen.findByText('60秒后重新获取');
  typeIn(container, 'code', '123456');
  fireEvent.click(nutButton(container, '登录'));

  await waitFor(() => expect(navigation).toHaveBeenCalledWith({ url: '/pages/account/index' }));
  expect(posts('/api/auth/login')[0]?.body).toEqual({
    challengeId: 'challenge-1',
    username: 'hk.alice',
    password: 'Str0ng!Pass',
    code: '123456',
    tokenTransport: 'cookie',
  });
  expect(localStorage.getItem(storageKeys.accountName)).toContain('hk.alice');
});

test('the guide notes and the hotline are shown', () => {
  renderWithI18n(<AccountLogin />);
  expect(screen.getByText(/\+86-755-83183333/u)).toBeInTheDocument();
  expect(
    screen.getByText('注：如经常接收不到邮箱验证码，建议使用微信扫码登录。'),
  ).toBeInTheDocument();
  expect(screen.getByText('忘记密码')).toBeInTheDocument();
});

test('labels follow the chosen language', () => {
  localStorage.setItem(storageKeys.locale, JSON.stringify({ data: 'en' }));
  const { container } = renderWithI18n(<AccountLogin />);
  expect(nutButton(container, 'Get SMS code')).toBeInTheDocument();
  expect(screen.getByText('Use email code')).toBeInTheDocument();
  expect(screen.getByText('Copy to customer manager')).toBeInTheDocument();
});

test('changing the account drops the sent challenge', async () => {
  const navigation = captureNavigation();
  const { container } = renderWithI18n(<AccountLogin />);
  fillCredentials(container);
  fireEvent.click(nutButton(container, '获取短信验证码'));
  await screen.findByText('60秒后重新获取');
  typeIn(container, 'username', 'hk.other');
  typeIn(container, 'code', '123456');
  fireEvent.click(nutButton(container, '登录'));
  await waitFor(() => expect(navigation).toHaveBeenCalled());
  expect(posts('/api/auth/login')[0]?.body).not.toHaveProperty('challengeId');
});
