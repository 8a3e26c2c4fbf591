import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { PageShell } from '@/components/PageShell';
import { AccountCentre } from '@/pages/account/AccountCentre';
import { storageKeys } from '@/platform/storage';
import { cookieSession, selfView } from './support/accounts';
import { clearCookies, setScriptCookie } from './support/cookies';
import { startFakeApi, useApiBase } from './support/fake-api';
import type { FakeApi } from './support/fake-api';
import { errorBody } from './support/fixtures';
import { captureNavigation } from './support/navigation';
import { fieldRow, inputIn, nutButton, renderWithI18n } from './support/render';

const unauthenticated = { status: 401, body: errorBody('auth.unauthenticated', '请先登录。') };

let api: FakeApi;

beforeEach(async () => {
  localStorage.clear();
  clearCookies();
  setScriptCookie('ucz_csrf', 'csrf-centre');
  api = await startFakeApi({
    'GET /api/auth/me': () => ({ body: { account: selfView() } }),
    'GET /api/wechat/binding': () => ({ body: { bound: false } }),
    'GET /api/account/applications': () => ({ body: { applications: [] } }),
    'GET /api/account/notifications': () => ({ body: { notifications: [] } }),
  });
  useApiBase(api.url);
});

afterEach(async () => {
  jest.restoreAllMocks();
  // 我的申请 and 消息通知 load on their own; closing the fake API before they finish would cut their requests.
  await waitFor(() => expect(screen.queryByText('加载中…')).not.toBeInTheDocument());
  await api.close();
});

function section(container: HTMLElement, name: string): HTMLElement {
  const found = container.querySelector<HTMLElement>(`[data-section="${name}"]`);
  if (!found) throw new Error(`no section ${name}`);
  return found;
}

/** Waits for the WeChat section's request, so that closing the fake API cuts no request. */
async function wechatSectionLoaded(): Promise<void> {
  await screen.findByText(/尚未绑定微信/u);
}

function fact(container: HTMLElement, name: string): string {
  return container.querySelector(`[data-fact="${name}"] .facts__value`)?.textContent ?? '';
}

test('profile shows what /api/auth/me returns', async () => {
  const { container } = renderWithI18n(<AccountCentre />);
  await screen.findByText('个人资料');
  expect(fact(container, 'username')).toBe('hk.alice');
  expect(fact(container, 'company')).toBe('港信科技有限公司 (港信)');
  expect(fact(container, 'phone')).toBe('+85221234567');
  expect(fact(container, 'permissions')).toBe('区块链业务、机柜');
  expect(fact(container, 'customerManager')).toBe('王经理');
  expect(within(section(container, 'profile')).getByText('管理员账号')).toBeInTheDocument();
  expect(localStorage.getItem(storageKeys.accountName)).toContain('hk.alice');
  await wechatSectionLoaded();
});

/** Finds the open NutUI dialog; closed ones stay in the page, hidden. */
function openDialog(): HTMLElement {
  const dialog = [...document.querySelectorAll<HTMLElement>('.nut-dialog')].find(
    (element) => element.style.display !== 'none',
  );
  if (!dialog) throw new Error('no open dialog');
  return dialog;
}

const boundBinding = {
  bound: true,
  boundAt: '2026-01-05T02:00:00.000Z',
  account: { username: 'hk.alice', name: '陈爱丽', companyName: '港信科技有限公司' },
};

test('WeChat section without a binding', async () => {
  const { container } = renderWithI18n(<AccountCentre />);
  await screen.findByText('个人资料');
  const wechat = section(container, 'wechat');
  expect(within(wechat).getByText('微信绑定')).toBeInTheDocument();
  expect(await within(wechat).findByText(/尚未绑定微信/u)).toBeInTheDocument();
  expect(within(wechat).queryByText('解绑')).not.toBeInTheDocument();
});

test('WeChat section shows the bound account', async () => {
  api.route({ 'GET /api/wechat/binding': () => ({ body: boundBinding }) });
  const { container } = renderWithI18n(<AccountCentre />);
  await screen.findByText('解绑');
  expect(fact(section(container, 'wechat'), 'wechatAccount')).toBe('陈爱丽 (hk.alice)');
  expect(fact(section(container, 'wechat'), 'wechatBoundAt')).not.toBe('');
});

test('WeChat unbind asks before deleting', async () => {
  api.route({
    'GET /api/wechat/binding': () => ({ body: boundBinding }),
    'DELETE /api/wechat/binding': () => ({ body: { bound: false } }),
  });
  const { container } = renderWithI18n(<AccountCentre />);
  fireEvent.click(await screen.findByText('解绑'));
  expect(within(openDialog()).getByText(/确定解绑吗？/u)).toBeInTheDocument();

  fireEvent.click(within(openDialog()).getByText('取消'));
  await waitFor(() => expect(() => openDialog()).toThrow('no open dialog'));
  expect(api.requests.some((request) => request.method === 'DELETE')).toBe(false);

  fireEvent.click(screen.getByText('解绑'));
  fireEvent.click(within(openDialog()).getByText('确定'));

  expect(await screen.findByText('已解绑微信。')).toBeInTheDocument();
  const deletes = api.requests.filter((request) => request.method === 'DELETE');
  expect(deletes).toHaveLength(1);
  expect(deletes[0]?.path).toBe('/api/wechat/binding');
  expect(deletes[0]?.headers['x-csrf-token']).toBe('csrf-centre');
  expect(within(section(container, 'wechat')).getByText(/尚未绑定微信/u)).toBeInTheDocument();
});

test('admins get the way to 账号管理, ordinary accounts do not', async () => {
  const first = renderWithI18n(<AccountCentre />);
  await screen.findByText('个人资料');
  expect(nutButton(first.container, '账号管理')).toBeInTheDocument();
  await wechatSectionLoaded();
  first.unmount();

  api.route({ 'GET /api/auth/me': () => ({ body: { account: selfView({ role: 'user' }) } }) });
  renderWithI18n(<AccountCentre />);
  await screen.findByText('普通账号');
  expect(screen.queryByText('账号管理')).not.toBeInTheDocument();
  await wechatSectionLoaded();
});

test('without a session the login is offered', async () => {
  localStorage.setItem(storageKeys.accountName, JSON.stringify({ data: 'hk.alice' }));
  api.route({
    'GET /api/auth/me': () => unauthenticated,
    'POST /api/auth/refresh': () => unauthenticated,
  });
  renderWithI18n(<AccountCentre />);
  expect(await screen.findByText('登录已失效，请重新登录。')).toBeInTheDocument();
  expect(localStorage.getItem(storageKeys.accountName)).toBeNull();
});

test('change password marks a wrong current password', async () => {
  api.route({
    'POST /api/auth/password': () => ({
      status: 400,
      body: errorBody('password.incorrect', '原密码错误。', [
        { field: 'oldPassword', code: 'invalid', message: '原密码错误。' },
      ]),
    }),
  });
  const { container } = renderWithI18n(<AccountCentre />);
  await screen.findByText('个人资料');
  const form = section(container, 'password');
  fireEvent.input(inputIn(fieldRow(form, 'oldPassword')), { target: { value: 'Wrong!Pass1' } });
  fireEvent.input(inputIn(fieldRow(form, 'newPassword')), { target: { value: 'New!Pass22' } });
  fireEvent.input(inputIn(fieldRow(form, 'confirmPassword')), { target: { value: 'New!Pass22' } });
  fireEvent.click(nutButton(form, '修改密码'));
  expect(
    await within(fieldRow(form, 'oldPassword')).findByText('原密码错误。'),
  ).toBeInTheDocument();
  const change = api.requests.find((request) => request.path === '/api/auth/password');
  expect(change?.headers['x-csrf-token']).toBe('csrf-centre');
});

test('a changed password is confirmed', async () => {
  api.route({ 'POST /api/auth/password': () => ({ body: { session: cookieSession } }) });
  const { container } = renderWithI18n(<AccountCentre />);
  await screen.findByText('个人资料');
  const form = section(container, 'password');
  fireEvent.input(inputIn(fieldRow(form, 'oldPassword')), { target: { value: 'Old!Pass11' } });
  fireEvent.input(inputIn(fieldRow(form, 'newPassword')), { target: { value: 'New!Pass22' } });
  fireEvent.input(inputIn(fieldRow(form, 'confirmPassword')), { target: { value: 'New!Pass22' } });
  fireEvent.click(nutButton(form, '修改密码'));
  expect(await screen.findByText('密码已修改，其他设备上的登录已失效。')).toBeInTheDocument();
  expect(api.requests.find((request) => request.path === '/api/auth/password')?.body).toEqual({
    oldPassword: 'Old!Pass11',
    newPassword: 'New!Pass22',
  });
});

test('logout ends the session and forgets the name', async () => {
  const navigation = captureNavigation();
  api.route({ 'POST /api/auth/logout': () => ({ status: 204 }) });
  const { container } = renderWithI18n(<AccountCentre />);
  await screen.findByText('个人资料');
  fireEvent.click(nutButton(container, '退出登录'));
  await waitFor(() => expect(localStorage.getItem(storageKeys.accountName)).toBeNull());
  const logout = api.requests.find((request) => request.path === '/api/auth/logout');
  expect(logout?.body).toEqual({ everywhere: false });
  expect(logout?.headers['x-csrf-token']).toBe('csrf-centre');
  expect(navigation).toHaveBeenCalledWith({ url: '/pages/login/index' });
});

test('the header links back to the logged-in account', async () => {
  const { container } = renderWithI18n(
    <PageShell current="account">
      <AccountCentre />
    </PageShell>,
  );
  await screen.findByText('个人资料');
  const header = container.querySelector('.page-shell__header') as HTMLElement;
  expect(within(header).getByText('账户中心 (hk.alice)')).toBeInTheDocument();
});

test('我的申请 and 消息通知 sections lead to their pages', async () => {
  const navigation = captureNavigation();
  api.route({
    'GET /api/account/notifications': () => ({
      body: {
        notifications: [
          {
            id: '65c000000000000000000001',
            kind: 'wechat_bound',
            title: '微信已绑定账号',
            createdAt: '2026-01-05T02:00:00.000Z',
            status: 'pending',
            deliveries: [{ channel: 'email', status: 'pending' }],
          },
        ],
      },
    }),
  });
  const { container } = renderWithI18n(<AccountCentre />);
  await screen.findByText('个人资料');

  const applications = section(container, 'applications');
  expect(within(applications).getByText('我的申请')).toBeInTheDocument();
  expect(await within(applications).findByText('暂无认证申请。')).toBeInTheDocument();
  const notifications = section(container, 'notifications');
  expect(await within(notifications).findByText('微信已绑定账号')).toBeInTheDocument();
  expect(within(notifications).getByText('发送中')).toBeInTheDocument();

  fireEvent.click(within(notifications).getByText('查看全部'));
  await waitFor(() =>
    expect(navigation).toHaveBeenCalledWith({ url: '/pages/notifications/index' }),
  );
  await wechatSectionLoaded();
});
