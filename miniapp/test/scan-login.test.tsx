import { fireEvent, screen, waitFor } from '@testing-library/react';
import { ScanConfirm } from '@/pages/scan-login/ScanConfirm';
import { pendingBind, setPendingBind } from '@/pages/wechat-bind/pending-bind';
import { startFakeApi, useApiBase } from './support/fake-api';
import type { FakeApi } from './support/fake-api';
import { errorBody } from './support/fixtures';
import { captureNavigation } from './support/navigation';
import { nutButton, renderWithI18n } from './support/render';
import {
  bindTicket,
  boundAccount,
  bearerSession,
  loginCodeRoute,
  pickSimulatedUser,
  scanTicketId,
  scanTicketView,
} from './support/wechat';

const scanPath = `/api/wechat/scan-tickets/${scanTicketId}/scan`;

let api: FakeApi;

beforeEach(async () => {
  localStorage.clear();
  setPendingBind(undefined);
  pickSimulatedUser();
  api = await startFakeApi({
    ...loginCodeRoute(),
    [`POST ${scanPath}`]: () => ({
      body: {
        bound: true,
        ticket: scanTicketView('scanned'),
        account: boundAccount,
        session: bearerSession,
      },
    }),
    [`POST /api/wechat/scan-tickets/${scanTicketId}/confirm`]: () => ({
      body: { ticket: scanTicketView('confirmed') },
    }),
    [`POST /api/wechat/scan-tickets/${scanTicketId}/cancel`]: () => ({
      body: { ticket: scanTicketView('cancelled') },
    }),
  });
  useApiBase(api.url);
});

afterEach(async () => {
  jest.restoreAllMocks();
  await api.close();
});

function requestsTo(path: string) {
  return api.requests.filter((request) => request.path === path);
}

/** Gives a wrongly sent request the time to reach the fake API. */
async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 50));
}

test.each([
  ['missing', undefined],
  ['empty', ''],
  ['too short', 'T'.repeat(31)],
  ['not letters and digits', `${'T'.repeat(31)}-`],
  ['malformed escape', `%E0%A4%A${'T'.repeat(24)}`],
  ['encoded twice', `%2554${'T'.repeat(31)}`],
])('scan page with %s scene sends nothing', async (_case, scene) => {
  renderWithI18n(<ScanConfirm scene={scene} />);
  expect(screen.getByText('二维码无效，请重新扫码')).toBeInTheDocument();
  await settle();
  expect(api.requests).toHaveLength(0);
});

test('scan page decodes the scene once', async () => {
  renderWithI18n(<ScanConfirm scene={`%54${'T'.repeat(31)}`} />);
  expect(await screen.findByText('确认登录')).toBeInTheDocument();
  expect(requestsTo(scanPath)).toHaveLength(1);
});

test('bound user confirms the website login', async () => {
  const { container } = renderWithI18n(<ScanConfirm scene={scanTicketId} />);
  expect(await screen.findByText('确认登录')).toBeInTheDocument();
  expect(screen.getByText('hk.alice')).toBeInTheDocument();
  expect(screen.getByText('港信科技有限公司')).toBeInTheDocument();

  const scan = requestsTo(scanPath)[0];
  expect(scan?.body).toEqual({ code: 'code-1' });
  expect(scan?.headers.authorization).toBeUndefined();
  expect(requestsTo('/simulator/wechat/login-code')[0]?.body).toEqual({ openid: 'sim-user-a' });

  fireEvent.click(nutButton(container, '确认登录'));

  expect(await screen.findByText('已确认登录，请回到网页继续操作。')).toBeInTheDocument();
  const confirm = requestsTo(`/api/wechat/scan-tickets/${scanTicketId}/confirm`);
  expect(confirm).toHaveLength(1);
  expect(confirm[0]?.headers.authorization).toBe('Bearer wechat-access-token');
  expect(requestsTo(`/api/wechat/scan-tickets/${scanTicketId}/cancel`)).toHaveLength(0);
});

test('bound user cancels the website login', async () => {
  const { container } = renderWithI18n(<ScanConfirm scene={scanTicketId} />);
  await screen.findByText('确认登录');

  fireEvent.click(nutButton(container, '取消'));

  expect(await screen.findByText('已取消本次登录。')).toBeInTheDocument();
  const cancel = requestsTo(`/api/wechat/scan-tickets/${scanTicketId}/cancel`);
  expect(cancel).toHaveLength(1);
  expect(cancel[0]?.headers.authorization).toBe('Bearer wechat-access-token');
  expect(requestsTo(`/api/wechat/scan-tickets/${scanTicketId}/confirm`)).toHaveLength(0);
});

test('unbound user goes on to the bind page', async () => {
  const navigation = captureNavigation();
  api.route({
    [`POST ${scanPath}`]: () => ({
      body: {
        bound: false,
        ticket: scanTicketView('scanned'),
        bindTicket,
        bindTicketExpiresAt: '2026-01-05T02:10:00.000Z',
      },
    }),
  });
  renderWithI18n(<ScanConfirm scene={scanTicketId} />);

  await waitFor(() => expect(navigation).toHaveBeenCalledWith({ url: '/pages/wechat-bind/index' }));
  expect(pendingBind()).toEqual({ bindTicket, scanTicketId });
  expect(screen.queryByText('确认登录')).not.toBeInTheDocument();
});

test('expired ticket shows the invalid code message', async () => {
  api.route({
    [`POST ${scanPath}`]: () => ({
      status: 410,
      body: errorBody('wechat.scan_ticket_expired', '二维码已过期。'),
    }),
  });
  renderWithI18n(<ScanConfirm scene={scanTicketId} />);
  expect(await screen.findByText('二维码无效，请重新扫码')).toBeInTheDocument();
  expect(screen.queryByText('确认登录')).not.toBeInTheDocument();
});

test('simulated user is picked before scanning', async () => {
  localStorage.clear();
  const { container } = renderWithI18n(<ScanConfirm scene={scanTicketId} />);
  expect(screen.getByText('模拟微信用户')).toBeInTheDocument();
  await settle();
  expect(api.requests).toHaveLength(0);

  fireEvent.click(nutButton(container, 'sim-user-b'));

  expect(await screen.findByText('确认登录')).toBeInTheDocument();
  expect(screen.getByText(/当前模拟微信用户：sim-user-b/u)).toBeInTheDocument();
  expect(requestsTo('/simulator/wechat/login-code')[0]?.body).toEqual({ openid: 'sim-user-b' });
});
