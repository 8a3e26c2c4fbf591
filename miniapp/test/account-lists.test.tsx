import { fireEvent, screen, waitFor } from '@testing-library/react';
import type { AccountNotification, OwnApplication } from '@ucz/shared';
import { ApplicationsPage } from '@/pages/applications';
import { NotificationsPage } from '@/pages/notifications';
import { storageKeys } from '@/platform/storage';
import { clearCookies, setScriptCookie } from './support/cookies';
import { startFakeApi, useApiBase } from './support/fake-api';
import type { FakeApi } from './support/fake-api';
import { errorBody } from './support/fixtures';
import { nutButton, renderWithI18n } from './support/render';

const unauthenticated = { status: 401, body: errorBody('auth.unauthenticated', '请先登录。') };

function ownApplication(overrides: Partial<OwnApplication> = {}): OwnApplication {
  return {
    number: 'UCZ20260105-000001',
    status: 'pending',
    type: 'new_company',
    companyName: '港信科技有限公司',
    username: 'hk.alice',
    submittedAt: '2026-01-05T02:00:00.000Z',
    deadline: '2026-01-08T10:00:00.000Z',
    revision: 1,
    history: [{ at: '2026-01-05T02:00:00.000Z', event: 'submitted' }],
    ...overrides,
  };
}

function notification(overrides: Partial<AccountNotification> = {}): AccountNotification {
  return {
    id: '65c000000000000000000001',
    kind: 'application_approved',
    title: '认证申请已通过（UCZ20260105-000001）',
    createdAt: '2026-01-06T02:00:00.000Z',
    status: 'sent',
    deliveries: [
      { channel: 'email', status: 'sent' },
      { channel: 'sms', status: 'sent' },
    ],
    applicationNumber: 'UCZ20260105-000001',
    ...overrides,
  };
}

let api: FakeApi;

beforeEach(async () => {
  localStorage.clear();
  clearCookies();
  setScriptCookie('ucz_csrf', 'csrf-lists');
  api = await startFakeApi({
    'GET /api/wechat/subscriptions/templates': () => ({ body: { reviewResult: 'tmpl-review' } }),
  });
  useApiBase(api.url);
});

afterEach(async () => {
  jest.restoreAllMocks();
  await api.close();
});

function requestsTo(path: string) {
  return api.requests.filter((request) => request.path.split('?')[0] === path);
}

describe('我的申请', () => {
  test('lists applications with their status', async () => {
    api.route({
      'GET /api/account/applications': () => ({
        body: {
          applications: [
            ownApplication(),
            ownApplication({
              number: 'UCZ20260101-000009',
              status: 'rejected',
              decidedAt: '2026-01-02T02:00:00.000Z',
              rejectReason: '商业登记证影印件不清晰',
            }),
          ],
        },
      }),
    });
    const { container } = renderWithI18n(<ApplicationsPage />);

    expect(await screen.findByText('UCZ20260105-000001')).toBeInTheDocument();
    const rejected = container.querySelector('[data-application="UCZ20260101-000009"]');
    expect(rejected?.textContent).toContain('审核驳回');
    expect(rejected?.textContent).toContain('商业登记证影印件不清晰');
    expect(rejected?.textContent).toContain('审核时间');
    const pending = container.querySelector('[data-application="UCZ20260105-000001"]');
    expect(pending?.textContent).toContain('待审核');
    expect(pending?.textContent).toContain('审核截止时间');
  });

  test('shows the empty state', async () => {
    api.route({ 'GET /api/account/applications': () => ({ body: { applications: [] } }) });
    renderWithI18n(<ApplicationsPage />);
    expect(await screen.findByText('暂无认证申请。')).toBeInTheDocument();
  });

  test('shows the error and retries', async () => {
    api.route({
      'GET /api/account/applications': () => ({
        status: 503,
        body: errorBody('request.unavailable', '服务暂不可用，请稍后重试。'),
      }),
    });
    const { container } = renderWithI18n(<ApplicationsPage />);
    expect(await screen.findByText('服务暂不可用，请稍后重试。')).toBeInTheDocument();

    api.route({
      'GET /api/account/applications': () => ({ body: { applications: [ownApplication()] } }),
    });
    fireEvent.click(nutButton(container, '重试'));
    expect(await screen.findByText('UCZ20260105-000001')).toBeInTheDocument();
  });

  test('offers the login without a session', async () => {
    api.route({
      'GET /api/account/applications': () => unauthenticated,
      'POST /api/auth/refresh': () => unauthenticated,
    });
    renderWithI18n(<ApplicationsPage />);
    expect(await screen.findByText('登录已失效，请重新登录。')).toBeInTheDocument();
  });

  test('falls back to the WeChat login session', async () => {
    localStorage.setItem(storageKeys.wechatAccessToken, JSON.stringify({ data: 'wechat-token' }));
    api.route({
      'GET /api/account/applications': (request) =>
        request.headers.authorization === 'Bearer wechat-token'
          ? { body: { applications: [ownApplication()] } }
          : unauthenticated,
      'POST /api/auth/refresh': () => unauthenticated,
    });
    renderWithI18n(<ApplicationsPage />);

    expect(await screen.findByText('UCZ20260105-000001')).toBeInTheDocument();
    const calls = requestsTo('/api/account/applications');
    expect(calls.at(-1)?.headers.authorization).toBe('Bearer wechat-token');
  });

  test('offers no subscription on the website', async () => {
    api.route({
      'GET /api/account/applications': () => ({ body: { applications: [ownApplication()] } }),
    });
    renderWithI18n(<ApplicationsPage />);
    await screen.findByText('UCZ20260105-000001');

    expect(screen.queryByText('订阅审核结果通知')).not.toBeInTheDocument();
    expect(requestsTo('/api/wechat/subscriptions/templates')).toHaveLength(0);
  });
});

describe('消息通知', () => {
  test('lists notifications with status and channels', async () => {
    api.route({
      'GET /api/account/notifications': () => ({
        body: {
          notifications: [
            notification(),
            notification({
              id: '65c000000000000000000002',
              kind: 'wechat_unbound',
              title: '微信已解除绑定',
              status: 'failed',
              deliveries: [{ channel: 'email', status: 'failed' }],
            }),
          ],
        },
      }),
    });
    const { container } = renderWithI18n(<NotificationsPage />);

    expect(await screen.findByText('认证申请已通过（UCZ20260105-000001）')).toBeInTheDocument();
    const approved = container.querySelector('[data-notification="65c000000000000000000001"]');
    expect(approved?.textContent).toContain('已发送');
    expect(approved?.textContent).toContain('邮件 · 短信');
    const unbound = container.querySelector('[data-notification="65c000000000000000000002"]');
    expect(unbound?.textContent).toContain('微信已解除绑定');
    expect(unbound?.textContent).toContain('发送失败');
    expect(screen.queryByText('加载更多')).not.toBeInTheDocument();
  });

  test('loads older pages with the cursor', async () => {
    const cursor = `1767578400000.65c000000000000000000001`;
    api.route({
      'GET /api/account/notifications': (request) =>
        request.path.includes('cursor=')
          ? {
              body: {
                notifications: [
                  notification({
                    id: '65c000000000000000000002',
                    kind: 'application_submitted',
                    title: '认证申请已提交（UCZ20260105-000001）',
                  }),
                ],
              },
            }
          : { body: { notifications: [notification()], nextCursor: cursor } },
    });
    const { container } = renderWithI18n(<NotificationsPage />);
    await screen.findByText('认证申请已通过（UCZ20260105-000001）');

    fireEvent.click(nutButton(container, '加载更多'));

    expect(await screen.findByText('认证申请已提交（UCZ20260105-000001）')).toBeInTheDocument();
    expect(screen.getByText('认证申请已通过（UCZ20260105-000001）')).toBeInTheDocument();
    const older = requestsTo('/api/account/notifications').at(-1);
    expect(older?.path).toContain(`cursor=${encodeURIComponent(cursor)}`);
    await waitFor(() => expect(screen.queryByText('加载更多')).not.toBeInTheDocument());
  });

  test('shows the empty state', async () => {
    api.route({ 'GET /api/account/notifications': () => ({ body: { notifications: [] } }) });
    renderWithI18n(<NotificationsPage />);
    expect(await screen.findByText('暂无消息通知。')).toBeInTheDocument();
  });

  test('shows the error', async () => {
    api.route({
      'GET /api/account/notifications': () => ({
        status: 503,
        body: errorBody('request.unavailable', '服务暂不可用，请稍后重试。'),
      }),
    });
    renderWithI18n(<NotificationsPage />);
    expect(await screen.findByText('服务暂不可用，请稍后重试。')).toBeInTheDocument();
  });
});
