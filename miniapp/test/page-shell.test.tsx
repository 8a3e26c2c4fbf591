import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { PageShell } from '@/components/PageShell';
import { storageKeys } from '@/platform/storage';
import { rememberAccountName } from '@/ui/account-name';
import { clearCookies, setScriptCookie } from './support/cookies';
import { startFakeApi, useApiBase } from './support/fake-api';
import type { FakeApi } from './support/fake-api';
import { errorBody } from './support/fixtures';
import { captureNavigation } from './support/navigation';
import { renderWithI18n } from './support/render';

let api: FakeApi;

beforeEach(async () => {
  localStorage.clear();
  clearCookies();
  setScriptCookie('ucz_csrf', 'csrf-shell');
  api = await startFakeApi({ 'POST /api/auth/logout': () => ({ status: 204 }) });
  useApiBase(api.url);
});

afterEach(async () => {
  jest.restoreAllMocks();
  await api.close();
});

function header(container: HTMLElement): HTMLElement {
  return container.querySelector('.page-shell__header') as HTMLElement;
}

test('no session shows both logins', () => {
  const { container } = renderWithI18n(<PageShell />);
  const links = within(header(container));
  expect(links.getByText('账号登录')).toBeInTheDocument();
  expect(links.getByText('微信登录')).toBeInTheDocument();
  expect(links.queryByText('退出登录')).not.toBeInTheDocument();
});

test('session replaces logins with account links', () => {
  rememberAccountName('hk.alice');
  const { container } = renderWithI18n(<PageShell />);
  const links = within(header(container));
  expect(links.getByText('账户中心 (hk.alice)')).toBeInTheDocument();
  expect(links.getByText('退出登录')).toBeInTheDocument();
  expect(links.queryByText('账号登录')).not.toBeInTheDocument();
  expect(links.queryByText('微信登录')).not.toBeInTheDocument();
  expect(links.getByText('用户认证')).toBeInTheDocument();
});

test('header logout ends the session', async () => {
  const navigation = captureNavigation();
  rememberAccountName('hk.alice');
  const { container } = renderWithI18n(<PageShell />);
  fireEvent.click(within(header(container)).getByText('退出登录'));
  await waitFor(() => expect(localStorage.getItem(storageKeys.accountName)).toBeNull());
  const logout = api.requests.find((request) => request.path === '/api/auth/logout');
  expect(logout?.headers['x-csrf-token']).toBe('csrf-shell');
  expect(navigation).toHaveBeenCalledWith({ url: '/pages/login/index' });
  expect(await screen.findByText('账号登录')).toBeInTheDocument();
  expect(screen.getByText('微信登录')).toBeInTheDocument();
});

test('header logout after an ended session', async () => {
  captureNavigation();
  api.route({
    'POST /api/auth/logout': () => ({
      status: 401,
      body: errorBody('auth.unauthenticated', '请先登录。'),
    }),
    'POST /api/auth/refresh': () => ({
      status: 401,
      body: errorBody('auth.unauthenticated', '请先登录。'),
    }),
  });
  rememberAccountName('hk.alice');
  const { container } = renderWithI18n(<PageShell />);
  fireEvent.click(within(header(container)).getByText('退出登录'));
  expect(await screen.findByText('账号登录')).toBeInTheDocument();
  expect(localStorage.getItem(storageKeys.accountName)).toBeNull();
});
