import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import type { ScanTicketState } from '@ucz/shared';
import { createMiniWechatApi } from '@/api/wechat-mini';
import { ScanLogin } from '@/pages/wechat-login/ScanLogin';
import { storageKeys } from '@/platform/storage';
import { cookieSession, selfView } from './support/accounts';
import { clearCookies } from './support/cookies';
import { startFakeApi, useApiBase } from './support/fake-api';
import type { FakeApi } from './support/fake-api';
import { errorBody } from './support/fixtures';
import { captureNavigation } from './support/navigation';
import { nutButton, renderWithI18n } from './support/render';
import { pickSimulatedUser } from './support/wechat';

const firstTicket = 'A'.repeat(32);
const secondTicket = 'B'.repeat(32);
const pngDataUrl = 'data:image/png;base64,iVBORw0KGgo=';

function ticketView(ticketId: string, state: ScanTicketState) {
  return { ticketId, state, expiresAt: '2026-01-05T02:02:00.000Z' };
}

/**
 * Stands in for the browser's EventSource, which jsdom lacks: tests push "state" events
 * and errors by hand and check that the page closes the stream.
 */
class FakeEventSource {
  static instances: FakeEventSource[] = [];
  readonly listeners: Record<string, ((event: MessageEvent) => void)[]> = {};
  onerror: (() => void) | null = null;
  closed = false;

  constructor(
    readonly url: string,
    readonly init?: EventSourceInit,
  ) {
    FakeEventSource.instances.push(this);
  }

  addEventListener(type: string, listener: (event: MessageEvent) => void) {
    (this.listeners[type] ??= []).push(listener);
  }

  close() {
    this.closed = true;
  }

  emitState(ticketId: string, state: ScanTicketState) {
    const event = new MessageEvent('state', { data: JSON.stringify(ticketView(ticketId, state)) });
    act(() => {
      for (const listener of this.listeners.state ?? []) listener(event);
    });
  }
}

let api: FakeApi;
let created: string[];

beforeEach(async () => {
  localStorage.clear();
  clearCookies();
  created = [firstTicket, secondTicket];
  api = await startFakeApi({
    'POST /api/wechat/scan-tickets': () => {
      const ticketId = created.shift() ?? secondTicket;
      return { status: 201, body: { ...ticketView(ticketId, 'waiting'), image: pngDataUrl } };
    },
    [`POST /api/wechat/scan-tickets/${firstTicket}/session`]: () => ({
      body: { session: cookieSession, account: selfView() },
    }),
  });
  useApiBase(api.url);
  FakeEventSource.instances = [];
});

afterEach(async () => {
  jest.restoreAllMocks();
  delete (globalThis as { EventSource?: unknown }).EventSource;
  await api.close();
});

function useFakeEventSource() {
  (globalThis as { EventSource?: unknown }).EventSource = FakeEventSource;
}

function stateText(): string {
  return screen.getByTestId('scan-state').textContent ?? '';
}

function requestsTo(path: string): number {
  return api.requests.filter((request) => request.path === path).length;
}

test('QR page shows the code and listens to its events', async () => {
  useFakeEventSource();
  const { container } = renderWithI18n(<ScanLogin />);
  expect(await screen.findByText('等待扫码')).toBeInTheDocument();

  expect(container.querySelector('img')?.getAttribute('src')).toBe(pngDataUrl);
  const source = FakeEventSource.instances[0];
  expect(source?.url).toBe(`${api.url}/api/wechat/scan-tickets/${firstTicket}/events`);
  expect(source?.init?.withCredentials).toBe(true);
});

test('QR page follows SSE states to the account centre', async () => {
  useFakeEventSource();
  const navigation = captureNavigation();
  renderWithI18n(<ScanLogin />);
  await screen.findByText('等待扫码');
  const source = FakeEventSource.instances[0]!;

  source.emitState(firstTicket, 'scanned');
  expect(stateText()).toBe('已扫码，请在微信中确认');
  expect(source.closed).toBe(false);

  source.emitState(firstTicket, 'confirmed');
  expect(stateText()).toBe('已确认，正在登录…');
  expect(source.closed).toBe(true);

  await waitFor(() => expect(navigation).toHaveBeenCalledWith({ url: '/pages/account/index' }));
  expect(requestsTo(`/api/wechat/scan-tickets/${firstTicket}/session`)).toBe(1);
  expect(localStorage.getItem(storageKeys.accountName)).toContain('hk.alice');
});

test('QR page closes the stream when cancelled', async () => {
  useFakeEventSource();
  renderWithI18n(<ScanLogin />);
  await screen.findByText('等待扫码');
  const source = FakeEventSource.instances[0]!;

  source.emitState(firstTicket, 'cancelled');

  expect(stateText()).toBe('已取消');
  expect(source.closed).toBe(true);
  expect(screen.getByText('刷新二维码')).toBeInTheDocument();
  expect(requestsTo(`/api/wechat/scan-tickets/${firstTicket}/session`)).toBe(0);
});

test('expired code refreshes to a new ticket', async () => {
  useFakeEventSource();
  const { container } = renderWithI18n(<ScanLogin />);
  await screen.findByText('等待扫码');
  FakeEventSource.instances[0]!.emitState(firstTicket, 'expired');
  expect(stateText()).toBe('已过期');

  fireEvent.click(nutButton(container, '刷新二维码'));

  await waitFor(() => expect(FakeEventSource.instances).toHaveLength(2));
  expect(FakeEventSource.instances[1]?.url).toContain(`/scan-tickets/${secondTicket}/events`);
  expect(await screen.findByText('等待扫码')).toBeInTheDocument();
  expect(requestsTo('/api/wechat/scan-tickets')).toBe(2);
  expect(screen.queryByText('刷新二维码')).not.toBeInTheDocument();
});

test('stream failure falls back to polling', async () => {
  useFakeEventSource();
  api.route({
    [`GET /api/wechat/scan-tickets/${firstTicket}`]: () => ({
      body: ticketView(firstTicket, 'scanned'),
    }),
  });
  renderWithI18n(<ScanLogin pollMs={20} />);
  await screen.findByText('等待扫码');
  const source = FakeEventSource.instances[0]!;

  act(() => source.onerror?.());

  expect(source.closed).toBe(true);
  expect(await screen.findByText('已扫码，请在微信中确认')).toBeInTheDocument();
});

test('without EventSource the page polls to the end', async () => {
  const navigation = captureNavigation();
  const states: ScanTicketState[] = ['waiting', 'scanned', 'confirmed'];
  api.route({
    [`GET /api/wechat/scan-tickets/${firstTicket}`]: () => ({
      body: ticketView(firstTicket, states.length > 1 ? states.shift()! : states[0]!),
    }),
  });
  renderWithI18n(<ScanLogin pollMs={20} />);

  await waitFor(() => expect(navigation).toHaveBeenCalledWith({ url: '/pages/account/index' }));
  const polls = requestsTo(`/api/wechat/scan-tickets/${firstTicket}`);
  expect(polls).toBe(3);

  // Polling stops at the terminal state.
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(requestsTo(`/api/wechat/scan-tickets/${firstTicket}`)).toBe(polls);
});

test('polled expiry offers the refresh', async () => {
  api.route({
    [`GET /api/wechat/scan-tickets/${firstTicket}`]: () => ({
      body: ticketView(firstTicket, 'expired'),
    }),
  });
  renderWithI18n(<ScanLogin pollMs={20} />);
  expect(await screen.findByText('已过期')).toBeInTheDocument();
  expect(screen.getByText('刷新二维码')).toBeInTheDocument();
});

test('failed ticket creation shows the error and retry', async () => {
  api.route({
    'POST /api/wechat/scan-tickets': () => ({
      status: 503,
      body: errorBody('wechat.unavailable', '微信服务暂不可用，请稍后再试。'),
    }),
  });
  const { container } = renderWithI18n(<ScanLogin />);
  expect(await screen.findByText('微信服务暂不可用，请稍后再试。')).toBeInTheDocument();
  expect(nutButton(container, '重试')).toBeInTheDocument();
});

test('simulator link opens the scan page', async () => {
  useFakeEventSource();
  const open = jest.spyOn(window, 'open').mockImplementation(() => null);
  renderWithI18n(<ScanLogin simulator />);
  await screen.findByText('等待扫码');

  fireEvent.click(screen.getByText('模拟器：在新标签页中以模拟微信用户扫码'));

  expect(open).toHaveBeenCalledWith(
    `/pages/scan-login/index?scene=${firstTicket}`,
    '_blank',
    'noopener',
  );
});

test('simulator probe sends the picked user, so it succeeds', async () => {
  await api.close();
  // Like the server's route: the openid is required.
  api = await startFakeApi({
    'POST /simulator/wechat/login-code': (request) =>
      (request.body as { openid?: string }).openid
        ? { body: { appid: 'wx-sim', code: 'code-1' } }
        : { status: 400, body: errorBody('validation.failed', '请填写openid') },
  });
  useApiBase(api.url);
  pickSimulatedUser('sim-user-b');

  await expect(createMiniWechatApi('').simulatorAvailable()).resolves.toBe(true);
  expect(api.requests.map((request) => request.body)).toEqual([{ openid: 'sim-user-b' }]);
});

test('simulator link hidden outside simulator mode', async () => {
  useFakeEventSource();
  renderWithI18n(<ScanLogin />);
  await screen.findByText('等待扫码');
  expect(screen.queryByText('模拟器：在新标签页中以模拟微信用户扫码')).not.toBeInTheDocument();
});

test('failed session collection offers the refresh', async () => {
  useFakeEventSource();
  const navigation = captureNavigation();
  api.route({
    [`POST /api/wechat/scan-tickets/${firstTicket}/session`]: () => ({
      status: 409,
      body: errorBody('wechat.scan_ticket_closed', '该二维码已失效，请刷新二维码。'),
    }),
  });
  renderWithI18n(<ScanLogin />);
  await screen.findByText('等待扫码');

  FakeEventSource.instances[0]!.emitState(firstTicket, 'confirmed');

  expect(await screen.findByText('该二维码已失效，请刷新二维码。')).toBeInTheDocument();
  expect(screen.getByText('刷新二维码')).toBeInTheDocument();
  expect(navigation).not.toHaveBeenCalled();
});
