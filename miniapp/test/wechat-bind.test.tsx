import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { WechatBind } from '@/pages/wechat-bind/WechatBind';
import { pendingBind, setPendingBind } from '@/pages/wechat-bind/pending-bind';
import { selfView } from './support/accounts';
import { startFakeApi, useApiBase } from './support/fake-api';
import type { FakeApi } from './support/fake-api';
import { errorBody } from './support/fixtures';
import { captureNavigation } from './support/navigation';
import { fieldRow, inputIn, isDisabled, nutButton, renderWithI18n } from './support/render';
import {
  bearerSession,
  bindTicket,
  boundLogin,
  loginCodeRoute,
  pickSimulatedUser,
  scanTicketId,
  scanTicketView,
} from './support/wechat';

let api: FakeApi;

beforeEach(async () => {
  localStorage.clear();
  pickSimulatedUser();
  setPendingBind({ bindTicket, scanTicketId });
  api = await startFakeApi({
    ...loginCodeRoute(),
    'POST /api/wechat/bind/code': () => ({
      body: {
        channel: 'sms',
        destination: '+852****5678',
        expiresInSeconds: 300,
        resendAfterSeconds: 60,
      },
    }),
    'POST /api/wechat/bind': () => ({
      body: {
        session: bearerSession,
        account: selfView(),
        scanTicket: scanTicketView('confirmed'),
      },
    }),
  });
  useApiBase(api.url);
});

afterEach(async () => {
  jest.restoreAllMocks();
  jest.useRealTimers();
  await api.close();
});

function requestsTo(path: string) {
  return api.requests.filter((request) => request.path === path);
}

function fill(container: HTMLElement, values: Record<string, string>) {
  for (const [field, value] of Object.entries(values))
    fireEvent.input(inputIn(fieldRow(container, field)), { target: { value } });
}

function errorOf(container: HTMLElement, field: string): string {
  return fieldRow(container, field).querySelector('.form-field__error')?.textContent ?? '';
}

const credentials = { username: 'hk.alice', password: 'Secret#2026', contact: '+85291235678' };

test('bind form requires every field', async () => {
  const { container } = renderWithI18n(<WechatBind />);
  expect(screen.getByText('微信扫码登录请先绑定账号')).toBeInTheDocument();

  fireEvent.click(nutButton(container, '绑定'));

  expect(errorOf(container, 'username')).toBe('请输入账号');
  expect(errorOf(container, 'password')).toBe('请输入密码');
  expect(errorOf(container, 'contact')).toBe('请输入手机号/邮箱');
  expect(errorOf(container, 'code')).toBe('请输入验证码');
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(api.requests).toHaveLength(0);
});

test('code request needs the credentials', async () => {
  const { container } = renderWithI18n(<WechatBind />);
  fill(container, { username: 'hk.alice' });

  fireEvent.click(nutButton(container, '获取验证码'));

  await waitFor(() => expect(errorOf(container, 'password')).toBe('请输入密码'));
  expect(errorOf(container, 'contact')).toBe('请输入手机号/邮箱');
  expect(errorOf(container, 'username')).toBe('');
  expect(errorOf(container, 'code')).toBe('');
  expect(requestsTo('/api/wechat/bind/code')).toHaveLength(0);
});

test('code request starts the countdown', async () => {
  const { container } = renderWithI18n(<WechatBind />);
  fill(container, credentials);

  fireEvent.click(nutButton(container, '获取验证码'));

  expect(await screen.findByText('验证码已发送至 +852****5678，5分钟内有效。')).toBeInTheDocument();
  expect(requestsTo('/api/wechat/bind/code')[0]?.body).toEqual({ bindTicket, ...credentials });
  const countdown = nutButton(container, '60秒后重新获取');
  expect(isDisabled(countdown)).toBe(true);

  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 1100));
  });
  expect(nutButton(container, '59秒后重新获取')).toBeInTheDocument();
});

test('binding completes the website login', async () => {
  const { container } = renderWithI18n(<WechatBind />);
  fill(container, { ...credentials, code: '123456' });

  fireEvent.click(nutButton(container, '绑定'));

  expect(await screen.findByText('绑定成功，网页已登录。')).toBeInTheDocument();
  expect(requestsTo('/api/wechat/bind')[0]?.body).toEqual({
    bindTicket,
    ...credentials,
    code: '123456',
    scanTicketId,
  });
  expect(pendingBind()).toBeUndefined();
});

test('wrong password shows next to its field', async () => {
  api.route({
    'POST /api/wechat/bind/code': () => ({
      status: 401,
      body: errorBody('auth.invalid_credentials', '账号或密码错误。'),
    }),
  });
  const { container } = renderWithI18n(<WechatBind />);
  fill(container, credentials);

  fireEvent.click(nutButton(container, '获取验证码'));

  await waitFor(() => expect(errorOf(container, 'password')).toBe('账号或密码错误。'));
  expect(nutButton(container, '获取验证码')).toBeInTheDocument();
});

test('direct login opens account login', async () => {
  const navigation = captureNavigation();
  renderWithI18n(<WechatBind />);

  fireEvent.click(screen.getByText('直接登录>>'));

  await waitFor(() => expect(navigation).toHaveBeenCalledWith({ url: '/pages/login/index' }));
});

test('bind page opened alone gets a bind ticket', async () => {
  setPendingBind(undefined);
  api.route({
    'POST /api/wechat/login': () => ({
      body: {
        bound: false,
        bindTicket: 'other-bind-ticket-0123',
        bindTicketExpiresAt: '2026-01-05T02:10:00.000Z',
      },
    }),
  });
  const { container } = renderWithI18n(<WechatBind />);
  await screen.findByText('微信扫码登录请先绑定账号');
  fill(container, credentials);

  fireEvent.click(nutButton(container, '获取验证码'));

  await screen.findByText(/验证码已发送至/u);
  expect(requestsTo('/api/wechat/login')[0]?.body).toEqual({ code: 'code-1' });
  expect(requestsTo('/api/wechat/bind/code')[0]?.body).toMatchObject({
    bindTicket: 'other-bind-ticket-0123',
  });
});

test('bind page for a bound WeChat user', async () => {
  setPendingBind(undefined);
  api.route({ 'POST /api/wechat/login': () => boundLogin });
  renderWithI18n(<WechatBind />);
  expect(await screen.findByText('当前微信已绑定账号。')).toBeInTheDocument();
});
