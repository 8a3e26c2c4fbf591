import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { ApplicationsPage } from '@/pages/applications';
import { CertificationWizard } from '@/pages/certification/CertificationWizard';
import { storageKeys } from '@/platform/storage';
import { clearCookies, setScriptCookie } from './support/cookies';
import { startFakeApi, useApiBase } from './support/fake-api';
import type { FakeApi } from './support/fake-api';
import { agreementResponse, draftAtAccountStep } from './support/fixtures';
import { fieldRow, inputIn, nutButton, renderWithI18n } from './support/render';

// These tests run the mini-program's subscribe layer; Jest otherwise resolves the website's.
jest.mock('@/platform/subscribe', () => jest.requireActual('@/platform/subscribe.weapp'));

const pendingApplication = {
  number: 'UCZ20260105-000001',
  status: 'pending',
  type: 'new_company',
  companyName: '港信科技有限公司',
  username: 'hk.alice',
  submittedAt: '2026-01-05T02:00:00.000Z',
  deadline: '2026-01-08T10:00:00.000Z',
  revision: 1,
  history: [{ at: '2026-01-05T02:00:00.000Z', event: 'submitted' }],
};

let api: FakeApi;

beforeEach(async () => {
  localStorage.clear();
  clearCookies();
  setScriptCookie('ucz_csrf', 'csrf-subscribe');
  api = await startFakeApi({
    'GET /api/wechat/subscriptions/templates': () => ({
      body: { reviewResult: 'tmpl-review', securityNotice: 'tmpl-security' },
    }),
    'GET /api/account/applications': () => ({ body: { applications: [pendingApplication] } }),
    'POST /api/wechat/subscriptions': () => ({
      body: {
        results: [{ templateId: 'tmpl-review', result: 'accept', counted: true, grantsLeft: 1 }],
      },
    }),
  });
  useApiBase(api.url);
});

afterEach(async () => {
  jest.restoreAllMocks();
  await api.close();
});

/** Replaces wx.requestSubscribeMessage (the WeChat dialog) with one that returns `result`. */
function wechatDialog(result: 'accept' | 'reject') {
  return jest
    .spyOn(Taro, 'requestSubscribeMessage')
    .mockImplementation(() =>
      Promise.resolve({ errMsg: 'requestSubscribeMessage:ok', 'tmpl-review': result }),
    );
}

/** Lets pending responses update the page, such as the template ids loaded on mount. */
async function settle(): Promise<void> {
  await act(() => new Promise((resolve) => setTimeout(resolve, 50)));
}

function reports() {
  return api.requests.filter(
    (request) => request.method === 'POST' && request.path === '/api/wechat/subscriptions',
  );
}

test('tap asks WeChat before any await', async () => {
  const dialog = wechatDialog('accept');
  const { container } = renderWithI18n(<ApplicationsPage />);
  const button = await screen.findByText('订阅审核结果通知');
  const requestsBeforeTap = api.requests.length;

  fireEvent.click(nutButton(container, button.textContent ?? ''));

  // Checked synchronously after the click: the call happened inside the tap handler.
  expect(dialog).toHaveBeenCalledTimes(1);
  expect(dialog).toHaveBeenCalledWith({ tmplIds: ['tmpl-review'] });
  expect(api.requests.length).toBe(requestsBeforeTap);

  expect(await screen.findByText('已订阅，审核结果将通过微信通知您。')).toBeInTheDocument();
  expect(reports()).toHaveLength(1);
  const body = reports()[0]?.body as { reportId: string; results: Record<string, string> };
  expect(body.results).toEqual({ 'tmpl-review': 'accept' });
  expect(body.reportId).toMatch(/^[A-Za-z0-9_-]{8,64}$/u);
  expect(reports()[0]?.headers['x-csrf-token']).toBe('csrf-subscribe');
});

test('declined dialog is reported and explained', async () => {
  wechatDialog('reject');
  const { container } = renderWithI18n(<ApplicationsPage />);
  await screen.findByText('订阅审核结果通知');

  fireEvent.click(nutButton(container, '订阅审核结果通知'));

  expect(await screen.findByText('未订阅，审核结果将通过邮件或短信通知您。')).toBeInTheDocument();
  const body = reports()[0]?.body as { results: Record<string, string> };
  expect(body.results).toEqual({ 'tmpl-review': 'reject' });
});

test('no button without a configured template', async () => {
  api.route({ 'GET /api/wechat/subscriptions/templates': () => ({ body: {} }) });
  renderWithI18n(<ApplicationsPage />);
  await screen.findByText('UCZ20260105-000001');
  await waitFor(() =>
    expect(
      api.requests.some((request) => request.path === '/api/wechat/subscriptions/templates'),
    ).toBe(true),
  );

  expect(screen.queryByText('订阅审核结果通知')).not.toBeInTheDocument();
});

test('no button once nothing waits for review', async () => {
  api.route({
    'GET /api/account/applications': () => ({
      body: {
        applications: [
          { ...pendingApplication, status: 'approved', decidedAt: '2026-01-06T02:00:00.000Z' },
        ],
      },
    }),
  });
  renderWithI18n(<ApplicationsPage />);
  await screen.findByText('审核通过');
  await settle();

  expect(screen.queryByText('订阅审核结果通知')).not.toBeInTheDocument();
});

describe('certification submit', () => {
  function typeInto(input: HTMLInputElement, value: string) {
    fireEvent.input(input, { target: { value } });
  }

  // Filling nine fields and submitting takes a few seconds on a busy machine.
  test('提交 asks WeChat before any await', async () => {
    localStorage.setItem(storageKeys.draftToken, JSON.stringify({ data: 'draft-token-1' }));
    // A WeChat user logged in to the mini-program reports the choice in that session.
    localStorage.setItem(storageKeys.wechatAccessToken, JSON.stringify({ data: 'wechat-token' }));
    api.route({
      'GET /api/certification/agreement': () => ({ body: agreementResponse }),
      'GET /api/certification/drafts/current': () => ({ body: draftAtAccountStep() }),
      'PUT /api/certification/drafts/current/account': () => ({ body: draftAtAccountStep() }),
      'POST /api/certification/drafts/current/submit': () => ({
        body: {
          applicationNumber: 'UCZ20260105-000001',
          status: 'pending',
          submittedAt: '2026-01-05T02:10:00.000Z',
          deadline: '2026-01-08T02:10:00.000Z',
        },
      }),
      'POST /api/auth/refresh': () => ({
        status: 401,
        body: { error: { code: 'auth.unauthenticated', message: '请先登录。' } },
      }),
      'POST /api/wechat/subscriptions': (request) =>
        request.headers.authorization === 'Bearer wechat-token'
          ? { body: { results: [] } }
          : {
              status: 401,
              body: { error: { code: 'auth.unauthenticated', message: '请先登录。' } },
            },
    });
    const dialog = wechatDialog('accept');
    const { container } = renderWithI18n(<CertificationWizard />);
    await screen.findByText('企业邮箱');
    await waitFor(() =>
      expect(
        api.requests.some((request) => request.path === '/api/wechat/subscriptions/templates'),
      ).toBe(true),
    );
    typeInto(inputIn(fieldRow(container, 'username')), 'hk.alice');
    typeInto(inputIn(fieldRow(container, 'name')), '陈爱丽');
    typeInto(inputIn(fieldRow(container, 'department')), '运营部');
    typeInto(inputIn(fieldRow(container, 'phone'), 1), '21234567');
    typeInto(inputIn(fieldRow(container, 'title')), '经理');
    typeInto(inputIn(fieldRow(container, 'password')), 'Str0ng!Pass');
    typeInto(inputIn(fieldRow(container, 'confirmPassword')), 'Str0ng!Pass');
    typeInto(inputIn(fieldRow(container, 'email')), 'alice@example.hk');
    typeInto(inputIn(fieldRow(container, 'code')), '123456');
    // Let the template request finish, so the tap finds the template id.
    await settle();
    const requestsBeforeTap = api.requests.length;

    fireEvent.click(nutButton(container, '提交'));

    expect(dialog).toHaveBeenCalledTimes(1);
    expect(dialog).toHaveBeenCalledWith({ tmplIds: ['tmpl-review'] });
    expect(api.requests.length).toBe(requestsBeforeTap);
    expect(await screen.findByText('申请编号：UCZ20260105-000001')).toBeInTheDocument();
    // Without an account session the report is repeated in the WeChat session.
    await waitFor(() =>
      expect(reports().map((request) => request.headers.authorization)).toContain(
        'Bearer wechat-token',
      ),
    );
    const body = reports().at(-1)?.body as { results: Record<string, string> };
    expect(body.results).toEqual({ 'tmpl-review': 'accept' });
  }, 15_000);

  test('invalid form asks nothing', async () => {
    localStorage.setItem(storageKeys.draftToken, JSON.stringify({ data: 'draft-token-1' }));
    api.route({
      'GET /api/certification/agreement': () => ({ body: agreementResponse }),
      'GET /api/certification/drafts/current': () => ({ body: draftAtAccountStep() }),
    });
    const dialog = wechatDialog('accept');
    const { container } = renderWithI18n(<CertificationWizard />);
    await screen.findByText('企业邮箱');
    await settle();

    fireEvent.click(nutButton(container, '提交'));

    expect(dialog).not.toHaveBeenCalled();
  });
});
