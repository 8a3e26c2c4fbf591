import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { CompanyAccountView } from '@ucz/shared';
import { AdminConsole } from '@/pages/company-admin/AdminConsole';
import { companyAccount, selfView } from './support/accounts';
import { clearCookies, setScriptCookie } from './support/cookies';
import { startFakeApi, useApiBase } from './support/fake-api';
import type { FakeApi } from './support/fake-api';
import { errorBody } from './support/fixtures';
import { fieldRow, inputIn, nutButton, renderWithI18n } from './support/render';

const admin = companyAccount();
const bob = companyAccount({
  id: '64b000000000000000000002',
  username: 'hk.bob',
  name: '李大文',
  role: 'user',
  email: 'bob@example.hk',
  permissions: [],
});
const carol = companyAccount({
  id: '64b000000000000000000003',
  username: 'hk.carol',
  name: '张小华',
  role: 'user',
  status: 'disabled',
  activated: false,
  email: 'carol@example.hk',
});

let api: FakeApi;

beforeEach(async () => {
  localStorage.clear();
  clearCookies();
  setScriptCookie('ucz_csrf', 'csrf-admin');
  api = await startFakeApi({
    'GET /api/auth/me': () => ({ body: { account: selfView() } }),
    'GET /api/company/accounts': () => ({ body: { accounts: [admin, bob, carol], total: 3 } }),
  });
  useApiBase(api.url);
});

afterEach(async () => {
  await api.close();
});

function row(container: HTMLElement, username: string): HTMLElement {
  const found = container.querySelector<HTMLElement>(`[data-account="${username}"]`);
  if (!found) throw new Error(`no row for ${username}`);
  return found;
}

/** Finds the open NutUI dialog; closed ones stay in the page, hidden. */
function openDialog(): HTMLElement {
  const dialog = [...document.querySelectorAll<HTMLElement>('.nut-dialog')].find(
    (element) => element.style.display !== 'none',
  );
  if (!dialog) throw new Error('no open dialog');
  return dialog;
}

async function renderConsole() {
  const rendered = renderWithI18n(<AdminConsole />);
  await screen.findByText('hk.bob · 李大文');
  return rendered;
}

const requestsTo = (method: string, path: string) =>
  api.requests.filter((request) => request.method === method && request.path.startsWith(path));

test('accounts are listed with role, state and self marked', async () => {
  const { container } = await renderConsole();
  expect(within(row(container, 'hk.alice')).getByText('本人')).toBeInTheDocument();
  expect(within(row(container, 'hk.alice')).getByText('管理员账号')).toBeInTheDocument();
  expect(within(row(container, 'hk.carol')).getByText('已禁用')).toBeInTheDocument();
  expect(within(row(container, 'hk.carol')).getByText('未激活')).toBeInTheDocument();
  // A disabled account offers 启用, an account without a password the activation email.
  expect(nutButton(row(container, 'hk.carol'), '启用')).toBeInTheDocument();
  expect(nutButton(row(container, 'hk.carol'), '重新发送激活邮件')).toBeInTheDocument();
  expect(nutButton(row(container, 'hk.bob'), '禁用')).toBeInTheDocument();
});

test('disable asks first and then disables', async () => {
  api.route({
    'POST /api/company/accounts/64b000000000000000000002/disable': () => ({
      body: { account: { ...bob, status: 'disabled' } },
    }),
  });
  const { container } = await renderConsole();
  fireEvent.click(nutButton(row(container, 'hk.bob'), '禁用'));
  expect(
    within(openDialog()).getByText('确定禁用账号 hk.bob 吗？禁用后该账号的登录将立即失效。'),
  ).toBeInTheDocument();
  expect(requestsTo('POST', '/api/company/accounts/')).toHaveLength(0);

  fireEvent.click(within(openDialog()).getByText('确定'));
  expect(await screen.findByText('账号 hk.bob 已禁用。')).toBeInTheDocument();
  expect(within(row(container, 'hk.bob')).getByText('已禁用')).toBeInTheDocument();
  const [disable] = requestsTo('POST', '/api/company/accounts/');
  expect(disable?.headers['x-csrf-token']).toBe('csrf-admin');
});

test('cancelling the dialog disables nothing', async () => {
  const { container } = await renderConsole();
  fireEvent.click(nutButton(row(container, 'hk.bob'), '禁用'));
  fireEvent.click(within(openDialog()).getByText('取消'));
  await waitFor(() => expect(() => openDialog()).toThrow('no open dialog'));
  expect(requestsTo('POST', '/api/company/accounts/')).toHaveLength(0);
});

test('disabling the last admin shows the server message', async () => {
  api.route({
    'POST /api/company/accounts/64b000000000000000000001/disable': () => ({
      status: 409,
      body: errorBody('account.last_admin', '不能禁用本公司最后一个启用的管理员账号。'),
    }),
  });
  const { container } = await renderConsole();
  fireEvent.click(nutButton(row(container, 'hk.alice'), '禁用'));
  fireEvent.click(within(openDialog()).getByText('确定'));
  expect(await screen.findByText('不能禁用本公司最后一个启用的管理员账号。')).toBeInTheDocument();
  expect(within(row(container, 'hk.alice')).getByText('已启用')).toBeInTheDocument();
});

test('a new account needs its fields and gets the emailed link', async () => {
  api.route({
    'POST /api/company/accounts': (request) => {
      const body = request.body as { username: string; name: string };
      const created: CompanyAccountView = companyAccount({
        id: '64b000000000000000000004',
        username: body.username,
        name: body.name,
        role: 'user',
        activated: false,
      });
      return { status: 201, body: { account: created, linkSent: true, sentTo: 'd***@example.hk' } };
    },
  });
  const { container } = await renderConsole();
  fireEvent.click(nutButton(container, '新增'));
  const form = container.querySelector<HTMLElement>('[data-form="add"]') as HTMLElement;
  fireEvent.click(nutButton(form, '保存'));
  expect(within(fieldRow(form, 'username')).getByText('请输入账号')).toBeInTheDocument();
  expect(within(fieldRow(form, 'email')).getByText('请输入企业邮箱')).toBeInTheDocument();
  expect(requestsTo('POST', '/api/company/accounts')).toHaveLength(0);

  const values: Record<string, string> = {
    username: 'hk.dave',
    name: '刘大伟',
    department: '财务部',
    title: '主任',
    email: 'dave@example.hk',
  };
  for (const [field, value] of Object.entries(values))
    fireEvent.input(inputIn(fieldRow(form, field)), { target: { value } });
  fireEvent.input(inputIn(fieldRow(form, 'phone'), 1), { target: { value: '2123 4567' } });
  fireEvent.click(within(form).getByText('机柜'));
  fireEvent.click(nutButton(form, '保存'));

  expect(
    await screen.findByText('账号 hk.dave 已新增。设置密码的链接已发送至 d***@example.hk。'),
  ).toBeInTheDocument();
  expect(requestsTo('POST', '/api/company/accounts')[0]?.body).toEqual({
    ...values,
    phoneCallingCode: '852',
    phone: '2123 4567',
    permissions: ['cabinet'],
  });
  expect(row(container, 'hk.dave')).toBeInTheDocument();
});

test('a taken username is shown at its field', async () => {
  api.route({
    'POST /api/company/accounts': () => ({
      status: 409,
      body: errorBody('account.conflict', '账号/邮箱存在冲突, 请重试!', [
        { field: 'username', code: 'conflict', message: '账号已被使用' },
      ]),
    }),
  });
  const { container } = await renderConsole();
  fireEvent.click(nutButton(container, '新增'));
  const form = container.querySelector<HTMLElement>('[data-form="add"]') as HTMLElement;
  for (const field of ['username', 'name', 'department', 'title', 'email'])
    fireEvent.input(inputIn(fieldRow(form, field)), { target: { value: 'x.value' } });
  fireEvent.input(inputIn(fieldRow(form, 'phone'), 1), { target: { value: '21234567' } });
  fireEvent.click(nutButton(form, '保存'));
  expect(await within(fieldRow(form, 'username')).findByText('账号已被使用')).toBeInTheDocument();
  expect(within(form).getByText('账号/邮箱存在冲突, 请重试!')).toBeInTheDocument();
});

test('edit sends only the changed fields', async () => {
  api.route({
    'PATCH /api/company/accounts/64b000000000000000000002': () => ({
      body: { account: { ...bob, title: '高级经理' } },
    }),
  });
  const { container } = await renderConsole();
  fireEvent.click(nutButton(row(container, 'hk.bob'), '编辑'));
  const form = container.querySelector<HTMLElement>('[data-form="edit"]') as HTMLElement;
  expect(inputIn(fieldRow(form, 'email')).value).toBe('bob@example.hk');
  fireEvent.input(inputIn(fieldRow(form, 'title')), { target: { value: '高级经理' } });
  fireEvent.click(nutButton(form, '保存'));
  expect(await screen.findByText('已保存。')).toBeInTheDocument();
  expect(requestsTo('PATCH', '/api/company/accounts/')[0]?.body).toEqual({ title: '高级经理' });
});

test('edit splits the stored numbers at their calling code', async () => {
  const dave = companyAccount({
    id: '64b000000000000000000004',
    username: 'hk.dave',
    name: '陈大卫',
    role: 'user',
    phone: '+8613812345678',
    mobile: '+8613912345678',
  });
  api.route({
    'GET /api/company/accounts': () => ({ body: { accounts: [admin, bob, dave], total: 3 } }),
    'PATCH /api/company/accounts/64b000000000000000000004': () => ({ body: { account: dave } }),
  });
  const { container } = await renderConsole();
  fireEvent.click(nutButton(row(container, 'hk.dave'), '编辑'));
  const form = container.querySelector<HTMLElement>('[data-form="edit"]') as HTMLElement;
  const phone = fieldRow(form, 'phone');
  expect(inputIn(phone, 0).value).toBe('86');
  expect(inputIn(phone, 1).value).toBe('13812345678');
  expect(inputIn(fieldRow(form, 'mobile')).value).toBe('13912345678');
  expect(phone.querySelector('.phone-input .phone-input__code')).not.toBeNull();

  fireEvent.input(inputIn(phone, 1), { target: { value: '13812345679' } });
  fireEvent.click(nutButton(form, '保存'));
  expect(await screen.findByText('已保存。')).toBeInTheDocument();
  expect(requestsTo('PATCH', '/api/company/accounts/')[0]?.body).toEqual({
    phone: '13812345679',
    phoneCallingCode: '86',
  });
});

test('permissions are saved as business categories', async () => {
  api.route({
    'PUT /api/company/accounts/64b000000000000000000002/permissions': (request) => ({
      body: { account: { ...bob, ...(request.body as object) } },
    }),
  });
  const { container } = await renderConsole();
  fireEvent.click(nutButton(row(container, 'hk.bob'), '权限管理'));
  const form = container.querySelector<HTMLElement>('.permissions-form') as HTMLElement;
  fireEvent.click(within(form).getByText('区块链业务'));
  fireEvent.click(within(form).getByText('深市交易结算业务'));
  fireEvent.click(nutButton(form, '保存'));
  expect(await screen.findByText('已保存。')).toBeInTheDocument();
  // Sent in the catalogue's order, whatever the order of the clicks.
  expect(requestsTo('PUT', '/api/company/accounts/')[0]?.body).toEqual({
    permissions: ['szse_trading_settlement', 'blockchain'],
  });
  expect(within(row(container, 'hk.bob')).getByText(/深市交易结算业务、区块链业务/u)).toBeTruthy();
});

test('reset password asks first and reports the emailed link', async () => {
  api.route({
    'POST /api/company/accounts/64b000000000000000000002/password-reset': () => ({
      body: { account: { ...bob, activated: false }, linkSent: true, sentTo: 'b***@example.hk' },
    }),
  });
  const { container } = await renderConsole();
  fireEvent.click(nutButton(row(container, 'hk.bob'), '重置密码'));
  expect(within(openDialog()).getByText(/确定重置账号 hk.bob 的密码吗？/u)).toBeInTheDocument();
  fireEvent.click(within(openDialog()).getByText('确定'));
  expect(await screen.findByText('设置密码的链接已发送至 b***@example.hk。')).toBeInTheDocument();
});

test('the audit log names its actions', async () => {
  api.route({
    'GET /api/company/audit': () => ({
      body: {
        entries: [
          {
            id: 'e1',
            at: '2026-01-06T03:00:00.000Z',
            action: 'account.disabled',
            outcome: 'success',
            actor: { type: 'account', id: admin.id, label: 'hk.alice' },
            target: { type: 'account', id: bob.id, label: 'hk.bob' },
            ip: '203.0.113.7',
          },
          {
            id: 'e2',
            at: '2026-01-06T02:00:00.000Z',
            action: 'auth.login_failed',
            outcome: 'failure',
            actor: { type: 'anonymous' },
          },
        ],
        total: 2,
      },
    }),
  });
  const { container } = await renderConsole();
  fireEvent.click(screen.getByText('操作日志'));
  const disabled = await waitFor(() => {
    const entry = container.querySelector<HTMLElement>('[data-action="account.disabled"]');
    if (!entry) throw new Error('audit entry not shown yet');
    return entry;
  });
  expect(within(disabled).getByText('禁用账号')).toBeInTheDocument();
  expect(within(disabled).getByText('对象: hk.bob')).toBeInTheDocument();
  expect(within(disabled).getByText('IP 地址: 203.0.113.7')).toBeInTheDocument();
  const failed = container.querySelector<HTMLElement>('[data-action="auth.login_failed"]');
  expect(within(failed as HTMLElement).getByText('失败')).toBeInTheDocument();
});

test('the audit log shows readable actors', async () => {
  const reviewerId = '64c000000000000000000001';
  api.route({
    'GET /api/company/audit': () => ({
      body: {
        entries: [
          {
            id: 'e1',
            at: '2026-01-06T03:00:00.000Z',
            action: 'review.rejected',
            outcome: 'success',
            actor: { type: 'staff', id: reviewerId, name: '陈审核', staffRole: 'reviewer' },
          },
          {
            id: 'e2',
            at: '2026-01-06T02:30:00.000Z',
            action: 'company.customer_manager_assigned',
            outcome: 'success',
            actor: { type: 'staff', id: '64c000000000000000000002' },
          },
          {
            id: 'e3',
            at: '2026-01-06T02:00:00.000Z',
            action: 'account.updated',
            outcome: 'success',
            actor: { type: 'account', id: admin.id, label: 'hk.old', name: 'hk.alice' },
          },
          {
            id: 'e4',
            at: '2026-01-06T01:00:00.000Z',
            action: 'auth.account_locked',
            outcome: 'success',
            actor: { type: 'system' },
          },
        ],
        total: 4,
      },
    }),
  });
  const { container } = await renderConsole();
  fireEvent.click(screen.getByText('操作日志'));
  const entryOf = (action: string) =>
    waitFor(() => {
      const entry = container.querySelector<HTMLElement>(`[data-action="${action}"]`);
      if (!entry) throw new Error(`audit entry ${action} not shown yet`);
      return entry;
    });

  const rejected = await entryOf('review.rejected');
  expect(within(rejected).getByText('操作人: 审核员 陈审核')).toBeInTheDocument();
  expect(rejected.textContent).not.toContain(reviewerId);
  const assigned = await entryOf('company.customer_manager_assigned');
  expect(within(assigned).getByText('操作人: 平台工作人员')).toBeInTheDocument();
  const updated = await entryOf('account.updated');
  expect(within(updated).getByText('操作人: hk.alice')).toBeInTheDocument();
  const locked = await entryOf('auth.account_locked');
  expect(within(locked).getByText('操作人: 系统')).toBeInTheDocument();
});

test('ordinary accounts are told the console is for admins', async () => {
  api.route({ 'GET /api/auth/me': () => ({ body: { account: selfView({ role: 'user' }) } }) });
  renderWithI18n(<AdminConsole />);
  expect(await screen.findByText('账号管理仅供管理员账号使用。')).toBeInTheDocument();
  expect(requestsTo('GET', '/api/company/accounts')).toHaveLength(0);
});

test('the status filter asks the server for that status', async () => {
  await renderConsole();
  fireEvent.click(screen.getByText('已禁用', { selector: '.tabs__tab' }));
  await waitFor(() =>
    expect(requestsTo('GET', '/api/company/accounts').map((request) => request.path)).toContain(
      '/api/company/accounts?limit=50&offset=0&status=disabled',
    ),
  );
  expect(await screen.findByText('hk.bob · 李大文')).toBeInTheDocument();
});
