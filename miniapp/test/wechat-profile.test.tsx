import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Profile } from '@/pages/profile/Profile';
import { startFakeApi, useApiBase } from './support/fake-api';
import type { FakeApi } from './support/fake-api';
import { captureNavigation } from './support/navigation';
import { nutButton, renderWithI18n } from './support/render';
import { boundAccount, boundLogin, loginCodeRoute, pickSimulatedUser } from './support/wechat';

let api: FakeApi;

beforeEach(async () => {
  localStorage.clear();
  pickSimulatedUser();
  api = await startFakeApi({
    ...loginCodeRoute(),
    'POST /api/wechat/login': () => boundLogin,
    'GET /api/wechat/binding': () => ({
      body: { bound: true, boundAt: '2026-01-05T02:00:00.000Z', account: boundAccount },
    }),
    'DELETE /api/wechat/binding': () => ({ body: { bound: false } }),
  });
  useApiBase(api.url);
});

afterEach(async () => {
  jest.restoreAllMocks();
  await api.close();
});

/** Finds the open NutUI dialog; closed ones stay in the page, hidden. */
function openDialog(): HTMLElement {
  const dialog = [...document.querySelectorAll<HTMLElement>('.nut-dialog')].find(
    (element) => element.style.display !== 'none',
  );
  if (!dialog) throw new Error('no open dialog');
  return dialog;
}

function deletes() {
  return api.requests.filter((request) => request.method === 'DELETE');
}

test('profile shows the bound account', async () => {
  renderWithI18n(<Profile />);
  expect(await screen.findByText('hk.alice')).toBeInTheDocument();
  expect(screen.getByText('陈爱丽')).toBeInTheDocument();
  expect(screen.getByText('港信科技有限公司')).toBeInTheDocument();

  const binding = api.requests.find((request) => request.path === '/api/wechat/binding');
  expect(binding?.headers.authorization).toBe('Bearer wechat-access-token');
});

test('profile unbind asks for confirmation', async () => {
  const { container } = renderWithI18n(<Profile />);
  await screen.findByText('hk.alice');

  fireEvent.click(nutButton(container, '解绑'));
  expect(within(openDialog()).getByText(/确定解绑吗？/u)).toBeInTheDocument();
  fireEvent.click(within(openDialog()).getByText('取消'));
  await waitFor(() => expect(() => openDialog()).toThrow('no open dialog'));
  expect(deletes()).toHaveLength(0);
  expect(screen.getByText('hk.alice')).toBeInTheDocument();

  fireEvent.click(nutButton(container, '解绑'));
  fireEvent.click(within(openDialog()).getByText('确定'));

  expect(await screen.findByText('已解绑。')).toBeInTheDocument();
  expect(deletes()).toHaveLength(1);
  expect(deletes()[0]?.headers.authorization).toBe('Bearer wechat-access-token');
  expect(screen.getByText('当前微信尚未绑定账号。')).toBeInTheDocument();
  expect(screen.queryByText('hk.alice')).not.toBeInTheDocument();
});

test('profile of an unbound user offers binding', async () => {
  const navigation = captureNavigation();
  api.route({
    'POST /api/wechat/login': () => ({
      body: {
        bound: false,
        bindTicket: 'bind-ticket-0123456789',
        bindTicketExpiresAt: '2026-01-05T02:10:00.000Z',
      },
    }),
  });
  const { container } = renderWithI18n(<Profile />);
  expect(await screen.findByText('当前微信尚未绑定账号。')).toBeInTheDocument();
  expect(api.requests.some((request) => request.path === '/api/wechat/binding')).toBe(false);

  fireEvent.click(nutButton(container, '微信绑定账号'));

  await waitFor(() => expect(navigation).toHaveBeenCalledWith({ url: '/pages/wechat-bind/index' }));
});
