import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ReviewApplicationDetail, ReviewQueueItem } from '@ucz/shared';
import { ReviewConsole } from '@/pages/review/ReviewConsole';
import { cookieSession } from './support/accounts';
import { clearCookies, setScriptCookie } from './support/cookies';
import { startFakeApi, useApiBase } from './support/fake-api';
import type { FakeApi } from './support/fake-api';
import { errorBody } from './support/fixtures';
import { fieldRow, inputIn, nutButton, renderWithI18n } from './support/render';

const unauthenticated = { status: 401, body: errorBody('auth.unauthenticated', '请先登录。') };
const staff = { id: '64d000000000000000000001', username: 'reviewer.li', role: 'reviewer' };

function queueItem(overrides: Partial<ReviewQueueItem>): ReviewQueueItem {
  return {
    id: '64c000000000000000000001',
    number: 'UCZ20260105-000001',
    type: 'new_company',
    status: 'pending',
    companyFullName: '港信科技有限公司',
    applicantName: '陈小美',
    applyAdmin: false,
    submittedAt: '2026-01-05T02:00:00.000Z',
    deadline: '2026-01-08T15:59:59.999Z',
    overdue: false,
    remainingWorkingHours: 60,
    remainingWorkingDays: 2,
    reviewWindowWorkingHours: 94,
    ...overrides,
  };
}

// Listed out of order on purpose: the console orders by deadline itself.
const later = queueItem({
  id: '64c000000000000000000003',
  number: 'UCZ20260107-000003',
  submittedAt: '2026-01-07T02:00:00.000Z',
  deadline: '2026-01-12T15:59:59.999Z',
  remainingWorkingHours: 80,
  remainingWorkingDays: 3,
});
const overdue = queueItem({
  id: '64c000000000000000000002',
  number: 'UCZ20260101-000002',
  submittedAt: '2025-12-29T02:00:00.000Z',
  deadline: '2026-01-01T15:59:59.999Z',
  overdue: true,
  remainingWorkingHours: 0,
  remainingWorkingDays: 0,
});
const dueToday = queueItem({
  applyAdmin: true,
  remainingWorkingHours: 5,
  remainingWorkingDays: 0,
});

const detail: ReviewApplicationDetail = {
  ...dueToday,
  revision: 2,
  locale: 'zh-HK',
  company: {
    region: 'HK',
    fullName: '港信科技有限公司',
    shortName: '港信',
    address: '香港中环皇后大道中1号',
    brNumber: '12345678',
  },
  categories: ['cabinet', 'other'],
  otherDescription: '数据专线',
  adminAgreementAcceptedAt: '2026-01-05T01:58:00.000Z',
  agreement: {
    version: '2026-01',
    acceptedAt: '2026-01-05T01:50:00.000Z',
    ip: '203.0.113.9',
    userAgent: 'Mozilla/5.0',
  },
  account: {
    username: 'hk.alice',
    name: '陈小美',
    department: '运营部',
    phoneCallingCode: '852',
    phone: '+85221234567',
    title: '经理',
    email: 'alice@example.hk',
    mobile: '+85291234567',
  },
  files: [
    {
      fileId: '64e000000000000000000001',
      kind: 'business_registration',
      filename: 'br.pdf',
      contentType: 'application/pdf',
      size: 204800,
      uploadedAt: '2026-01-05T01:55:00.000Z',
      downloadPath:
        '/api/review/applications/64c000000000000000000001/files/64e000000000000000000001',
    },
  ],
  history: [
    { at: '2026-01-03T02:00:00.000Z', event: 'submitted' },
    { at: '2026-01-04T02:00:00.000Z', event: 'rejected', reason: '证件不清晰' },
    { at: '2026-01-05T02:00:00.000Z', event: 'resubmitted' },
  ],
};

const detailPath = '/api/review/applications/64c000000000000000000001';

let api: FakeApi;

beforeEach(async () => {
  localStorage.clear();
  clearCookies();
  setScriptCookie('ucz_staff_csrf', 'csrf-staff');
  api = await startFakeApi({
    'GET /api/review/me': () => ({ body: { staff } }),
    'GET /api/review/applications': () => ({
      body: { items: [later, overdue, dueToday], total: 3 },
    }),
    [`GET ${detailPath}`]: () => ({ body: detail }),
    [`GET ${detail.files[0]?.downloadPath}`]: () => ({ body: { pdf: true } }),
  });
  useApiBase(api.url);
});

afterEach(async () => {
  await api.close();
});

const requestsTo = (method: string, path: string) =>
  api.requests.filter((request) => request.method === method && request.path.startsWith(path));

function queueNumbers(container: HTMLElement): string[] {
  return [...container.querySelectorAll<HTMLElement>('[data-application]')].map(
    (element) => element.dataset.application ?? '',
  );
}

function queueEntry(container: HTMLElement, number: string): HTMLElement {
  const entry = container.querySelector<HTMLElement>(`[data-application="${number}"]`);
  if (!entry) throw new Error(`no queue entry ${number}`);
  return entry;
}

/**
 * Types into a NutUI TextArea. On the website it is Taro's <taro-textarea-core> element,
 * which reports input as a custom event with `detail.value`.
 */
function typeInTextArea(row: HTMLElement, value: string) {
  const element = row.querySelector('taro-textarea-core');
  if (!element) throw new Error('no text area in this row');
  fireEvent(element, new CustomEvent('input', { detail: { value } }));
}

/** Finds the open NutUI dialog; closed ones stay in the page, hidden. */
function openDialog(): HTMLElement {
  const dialog = [...document.querySelectorAll<HTMLElement>('.nut-dialog')].find(
    (element) => element.style.display !== 'none',
  );
  if (!dialog) throw new Error('no open dialog');
  return dialog;
}

async function openDetail(container: HTMLElement) {
  await screen.findByText('UCZ20260105-000001');
  fireEvent.click(queueEntry(container, 'UCZ20260105-000001'));
  await screen.findByText('申请资料');
}

test('staff log in when there is no staff session', async () => {
  let loggedIn = false;
  api.route({
    'GET /api/review/me': () => (loggedIn ? { body: { staff } } : unauthenticated),
    'POST /api/review/refresh': () => unauthenticated,
    'POST /api/review/login': () => {
      loggedIn = true;
      return { body: { session: cookieSession, staff: { ...staff, name: '李审核' } } };
    },
  });
  const { container } = renderWithI18n(<ReviewConsole />);
  await screen.findByText('员工登录');
  fireEvent.click(nutButton(container, '登录'));
  expect(within(fieldRow(container, 'username')).getByText('请输入员工账号')).toBeInTheDocument();

  fireEvent.input(inputIn(fieldRow(container, 'username')), { target: { value: 'reviewer.li' } });
  fireEvent.input(inputIn(fieldRow(container, 'password')), { target: { value: 'Review!Pass1' } });
  fireEvent.click(nutButton(container, '登录'));
  expect(await screen.findByText('待审核申请')).toBeInTheDocument();
  expect(requestsTo('POST', '/api/review/login')[0]?.body).toEqual({
    username: 'reviewer.li',
    password: 'Review!Pass1',
    tokenTransport: 'cookie',
  });
});

test('wrong staff credentials show the message', async () => {
  api.route({
    'GET /api/review/me': () => unauthenticated,
    'POST /api/review/refresh': () => unauthenticated,
    'POST /api/review/login': () => ({
      status: 401,
      body: errorBody('auth.invalid_credentials', '账号或密码错误。'),
    }),
  });
  const { container } = renderWithI18n(<ReviewConsole />);
  await screen.findByText('员工登录');
  fireEvent.input(inputIn(fieldRow(container, 'username')), { target: { value: 'reviewer.li' } });
  fireEvent.input(inputIn(fieldRow(container, 'password')), { target: { value: 'wrong' } });
  fireEvent.click(nutButton(container, '登录'));
  expect(await screen.findByText('账号或密码错误。')).toBeInTheDocument();
});

test('queue is ordered by deadline with overdue marked', async () => {
  const { container } = renderWithI18n(<ReviewConsole />);
  await screen.findByText('UCZ20260105-000001');
  expect(queueNumbers(container)).toEqual([
    'UCZ20260101-000002',
    'UCZ20260105-000001',
    'UCZ20260107-000003',
  ]);

  const late = queueEntry(container, 'UCZ20260101-000002');
  expect(late).toHaveClass('queue-item--overdue');
  expect(late.querySelector('[data-deadline-level]')?.getAttribute('data-deadline-level')).toBe(
    'overdue',
  );
  expect(within(late).getAllByText('已超期').length).toBeGreaterThan(0);
  expect((late.querySelector('.deadline__fill') as HTMLElement).style.backgroundColor).not.toBe('');

  const today = queueEntry(container, 'UCZ20260105-000001');
  expect(today.querySelector('[data-deadline-level]')?.getAttribute('data-deadline-level')).toBe(
    'urgent',
  );
  expect(within(today).getByText('今日到期 · 剩余 5 个工作小时')).toBeInTheDocument();
  expect(within(today).getByText('申请管理员')).toBeInTheDocument();

  const calm = queueEntry(container, 'UCZ20260107-000003');
  expect(calm.querySelector('[data-deadline-level]')?.getAttribute('data-deadline-level')).toBe(
    'ok',
  );
  expect(calm).not.toHaveClass('queue-item--overdue');
});

test('detail shows every field and links the documents', async () => {
  const { container } = renderWithI18n(<ReviewConsole />);
  await openDetail(container);
  for (const text of [
    '中国香港',
    '港信',
    '香港中环皇后大道中1号',
    '12345678',
    '机柜、其他 · 数据专线',
    'hk.alice',
    '运营部',
    '经理',
    'alice@example.hk',
    '+85291234567',
    '2026-01',
    '203.0.113.9',
    'Mozilla/5.0',
    '繁體中文',
    '证件不清晰',
    'br.pdf',
    '商业登记证影印件',
  ]) {
    expect(screen.getAllByText(text).length).toBeGreaterThan(0);
  }

  const savedFile = jest.spyOn(URL, 'createObjectURL');
  fireEvent.click(screen.getByText('下载'));
  await waitFor(() => expect(savedFile).toHaveBeenCalledTimes(1));
  expect(requestsTo('GET', detail.files[0]?.downloadPath ?? '-')).toHaveLength(1);
  savedFile.mockRestore();
});

test('预览 refreshes an expired session and shows the document in a new tab', async () => {
  const downloadPath = detail.files[0]?.downloadPath ?? '-';
  let previews = 0;
  api.route({
    [`GET ${downloadPath}`]: () => {
      previews += 1;
      return previews === 1
        ? unauthenticated
        : { bytes: Buffer.from('%PDF-1.4\n%%EOF\n'), contentType: 'application/pdf' };
    },
    'POST /api/review/refresh': () => ({ body: { session: cookieSession } }),
  });
  const tab = { opener: {} as unknown, location: { href: '' }, close: jest.fn() };
  const open = jest.spyOn(window, 'open').mockReturnValue(tab as unknown as Window);
  const objectUrl = jest.spyOn(URL, 'createObjectURL').mockReturnValue('blob:review-1');
  try {
    const { container } = renderWithI18n(<ReviewConsole />);
    await openDetail(container);
    fireEvent.click(screen.getByText('预览'));
    expect(open).toHaveBeenCalledTimes(1);

    await waitFor(() => expect(tab.location.href).toBe('blob:review-1'));
    expect((objectUrl.mock.calls[0]?.[0] as Blob).type).toBe('application/pdf');
    expect(requestsTo('POST', '/api/review/refresh')).toHaveLength(1);
    expect(requestsTo('GET', downloadPath).map((request) => request.path)).toEqual([
      `${downloadPath}?disposition=inline`,
      `${downloadPath}?disposition=inline`,
    ]);
    expect(open).toHaveBeenCalledTimes(1);
    expect(tab.close).not.toHaveBeenCalled();
  } finally {
    open.mockRestore();
    objectUrl.mockRestore();
  }
});

test('approve asks for confirmation first', async () => {
  api.route({
    [`POST ${detailPath}/approve`]: () => ({
      body: {
        applicationId: detail.id,
        number: detail.number,
        status: 'approved',
        companyId: '64a000000000000000000001',
        accountId: '64b000000000000000000001',
        companyCreated: true,
        role: 'admin',
        decidedAt: '2026-01-06T02:00:00.000Z',
      },
    }),
  });
  const { container } = renderWithI18n(<ReviewConsole />);
  await openDetail(container);
  fireEvent.click(nutButton(container, '通过'));
  expect(
    within(openDialog()).getByText(
      '确定通过申请 UCZ20260105-000001 吗？通过后将开通账号并通知申请人。',
    ),
  ).toBeInTheDocument();
  expect(requestsTo('POST', `${detailPath}/approve`)).toHaveLength(0);

  fireEvent.click(within(openDialog()).getByText('确定'));
  expect(await screen.findByText('申请 UCZ20260105-000001 已审核通过。')).toBeInTheDocument();
  expect(requestsTo('POST', `${detailPath}/approve`)[0]?.headers['x-csrf-token']).toBe(
    'csrf-staff',
  );
  // Back on the queue after the decision.
  expect(await screen.findByText('待审核申请')).toBeInTheDocument();
});

test('reject needs a reason', async () => {
  api.route({
    [`POST ${detailPath}/reject`]: (request) => ({
      body: {
        applicationId: detail.id,
        number: detail.number,
        status: 'rejected',
        reason: (request.body as { reason: string }).reason,
        decidedAt: '2026-01-06T02:00:00.000Z',
      },
    }),
  });
  const { container } = renderWithI18n(<ReviewConsole />);
  await openDetail(container);
  fireEvent.click(nutButton(container, '驳回'));
  fireEvent.click(nutButton(container, '驳回'));
  expect(within(fieldRow(container, 'reason')).getByText('请输入驳回原因')).toBeInTheDocument();
  expect(requestsTo('POST', `${detailPath}/reject`)).toHaveLength(0);

  typeInTextArea(fieldRow(container, 'reason'), '   ');
  fireEvent.click(nutButton(container, '驳回'));
  expect(within(fieldRow(container, 'reason')).getByText('请输入驳回原因')).toBeInTheDocument();
  expect(requestsTo('POST', `${detailPath}/reject`)).toHaveLength(0);

  typeInTextArea(fieldRow(container, 'reason'), '商业登记证影印件不清晰');
  fireEvent.click(nutButton(container, '驳回'));
  expect(await screen.findByText('申请 UCZ20260105-000001 已驳回。')).toBeInTheDocument();
  expect(requestsTo('POST', `${detailPath}/reject`)[0]?.body).toEqual({
    reason: '商业登记证影印件不清晰',
  });
  expect(await screen.findByText('待审核申请')).toBeInTheDocument();
});

test('both 驳回 buttons use the danger style', async () => {
  const { container } = renderWithI18n(<ReviewConsole />);
  await openDetail(container);
  const onDetail = nutButton(container, '驳回');
  expect(onDetail).toHaveClass('nut-button-danger', 'button--danger');
  fireEvent.click(onDetail);
  await screen.findByText('驳回申请 UCZ20260105-000001');
  expect(nutButton(container, '驳回')).toHaveClass('nut-button-danger', 'button--danger');
});

test('times are shown in Beijing time with the zone named', async () => {
  const { container } = renderWithI18n(<ReviewConsole />);
  await screen.findByText('UCZ20260105-000001');
  const entry = within(queueEntry(container, 'UCZ20260105-000001'));
  // Submitted 02:00 UTC, due 15:59 UTC: 10:00 and 23:59 in Beijing.
  expect(entry.getByText(/2026-01-05 10:00（北京时间）/u)).toBeInTheDocument();
  expect(entry.getByText(/2026-01-08 23:59（北京时间）/u)).toBeInTheDocument();
});

test('a decision already taken shows the server message', async () => {
  api.route({
    [`POST ${detailPath}/reject`]: () => ({
      status: 409,
      body: errorBody('application.already_decided', '该申请已审核完毕。'),
    }),
  });
  const { container } = renderWithI18n(<ReviewConsole />);
  await openDetail(container);
  fireEvent.click(nutButton(container, '驳回'));
  typeInTextArea(fieldRow(container, 'reason'), '资料不全');
  fireEvent.click(nutButton(container, '驳回'));
  expect(await screen.findByText('该申请已审核完毕。')).toBeInTheDocument();
});

test('a failed start offers a retry', async () => {
  let calls = 0;
  api.route({
    'GET /api/review/me': () => {
      calls += 1;
      return calls === 1
        ? { status: 503, body: errorBody('request.unavailable', '服务暂时不可用，请稍后再试。') }
        : { body: { staff } };
    },
  });
  const { container } = renderWithI18n(<ReviewConsole />);
  expect(await screen.findByText('服务暂时不可用，请稍后再试。')).toBeInTheDocument();
  fireEvent.click(nutButton(container, '重试'));
  expect(await screen.findByText('UCZ20260105-000001')).toBeInTheDocument();
  expect(screen.queryByText('服务暂时不可用，请稍后再试。')).not.toBeInTheDocument();
});
