import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { CertificationWizard } from '@/pages/certification/CertificationWizard';
import { storageKeys } from '@/platform/storage';
import { startFakeApi, useApiBase } from './support/fake-api';
import type { FakeApi } from './support/fake-api';
import { agreementResponse, draftAtAccountStep, draftView, errorBody } from './support/fixtures';
import { mockBoxSize } from './support/layout';
import { fieldRow, inputIn, isDisabled, nutButton, renderWithI18n } from './support/render';

let api: FakeApi;

beforeEach(async () => {
  localStorage.clear();
  api = await startFakeApi({
    'GET /api/certification/agreement': () => ({ body: agreementResponse }),
  });
  useApiBase(api.url);
});

afterEach(async () => {
  await api.close();
});

function storeDraftToken(token = 'draft-token-1') {
  localStorage.setItem(storageKeys.draftToken, JSON.stringify({ data: token }));
}

function typeInto(input: HTMLInputElement, value: string) {
  fireEvent.input(input, { target: { value } });
}

describe('agreement', () => {
  test('accept is enabled only after scrolling to the end', async () => {
    api.route({
      'POST /api/certification/drafts': () => ({
        status: 201,
        body: { draftToken: 'draft-token-1', draft: draftView() },
      }),
    });
    const { container } = renderWithI18n(<CertificationWizard />);
    await screen.findByText('统一客户专区用户使用协议');
    const accept = nutButton(container, '我已阅读并同意以上协议');
    expect(isDisabled(accept)).toBe(true);

    fireEvent.click(accept);
    expect(api.requests.filter((request) => request.method === 'POST')).toHaveLength(0);

    const text = container.querySelector('.agreement-panel__text') as HTMLElement;
    fireEvent.scroll(text, { target: { scrollTop: 1000 } });
    expect(isDisabled(nutButton(container, '我已阅读并同意以上协议'))).toBe(false);

    fireEvent.click(nutButton(container, '我已阅读并同意以上协议'));
    await screen.findByText('公司注册地');
    const created = api.requests.find((request) => request.path === '/api/certification/drafts');
    expect(created?.body).toEqual({ agreementVersion: '2026-01', accepted: true });
    expect(localStorage.getItem(storageKeys.draftToken)).toContain('draft-token-1');
  });

  test('accept enabled when text fits', async () => {
    const restore = mockBoxSize('agreement-panel__text', { scrollHeight: 200, clientHeight: 360 });
    try {
      const { container } = renderWithI18n(<CertificationWizard />);
      await screen.findByText('统一客户专区用户使用协议');
      await waitFor(() =>
        expect(isDisabled(nutButton(container, '我已阅读并同意以上协议'))).toBe(false),
      );
      expect(screen.queryByText('请阅读协议并下滑至底部')).not.toBeInTheDocument();
    } finally {
      restore();
    }
  });

  test('accept enabled after resize fits', async () => {
    const size = { scrollHeight: 900, clientHeight: 360 };
    const restore = mockBoxSize('agreement-panel__text', size);
    try {
      const { container } = renderWithI18n(<CertificationWizard />);
      await screen.findByText('统一客户专区用户使用协议');
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(isDisabled(nutButton(container, '我已阅读并同意以上协议'))).toBe(true);

      size.scrollHeight = 361; // within one pixel of the box: nothing left to scroll
      fireEvent(window, new Event('resize'));
      await waitFor(() =>
        expect(isDisabled(nutButton(container, '我已阅读并同意以上协议'))).toBe(false),
      );
    } finally {
      restore();
    }
  });

  test('a stored draft token resumes without the agreement', async () => {
    storeDraftToken();
    api.route({
      'GET /api/certification/drafts/current': () => ({
        body: draftView({
          company: { region: 'OTHER', fullName: '环球贸易有限公司' },
          categories: ['blockchain'],
        }),
      }),
    });
    const { container } = renderWithI18n(<CertificationWizard />);
    await screen.findByText('公司注册地');
    expect(inputIn(fieldRow(container, 'fullName')).value).toBe('环球贸易有限公司');
    expect(screen.queryByText('我已阅读并同意以上协议')).not.toBeInTheDocument();
    expect(
      api.requests.find((request) => request.path === '/api/certification/drafts/current')?.headers[
        'x-draft-token'
      ],
    ).toBe('draft-token-1');
  });

  test('an unknown draft token falls back to the agreement', async () => {
    storeDraftToken('expired');
    api.route({
      'GET /api/certification/drafts/current': () => ({
        status: 404,
        body: errorBody('draft.not_found', '申请草稿不存在或已过期，请重新开始认证。'),
      }),
    });
    renderWithI18n(<CertificationWizard />);
    await screen.findByText('统一客户专区用户使用协议');
    expect(localStorage.getItem(storageKeys.draftToken)).toBeNull();
  });
});

describe('company step', () => {
  beforeEach(() => {
    storeDraftToken();
    api.route({ 'GET /api/certification/drafts/current': () => ({ body: draftView() }) });
  });

  test('guide labels, placeholders and notes', async () => {
    const { container } = renderWithI18n(<CertificationWizard />);
    await screen.findByText('公司注册地');
    for (const label of [
      '公司全称',
      '公司简称',
      '公司注册地址',
      '商业登记证编号',
      '选择业务分类',
    ]) {
      expect(screen.getByText(label)).toBeInTheDocument();
    }
    expect(screen.getByText('中国香港')).toBeInTheDocument();
    expect(screen.getByText('其他地区')).toBeInTheDocument();
    expect(screen.getByText('注：公司注册地址必须与商业登记证上的保持一致！')).toBeInTheDocument();
    expect(inputIn(fieldRow(container, 'fullName')).placeholder).toBe('请输入');
    for (const step of ['公司信息', '上传资料', '账号信息', '申请成功'])
      expect(screen.getByText(step)).toBeInTheDocument();
  });

  test('其他 requires a description before saving', async () => {
    const { container } = renderWithI18n(<CertificationWizard />);
    await screen.findByText('公司注册地');
    typeInto(inputIn(fieldRow(container, 'fullName')), '新公司有限公司');
    typeInto(inputIn(fieldRow(container, 'address')), '香港九龙弥敦道100号');
    typeInto(inputIn(fieldRow(container, 'brNumber')), '87654321');
    fireEvent.click(screen.getByText('其他'));
    expect(fieldRow(container, 'otherDescription')).toBeInTheDocument();

    fireEvent.click(nutButton(container, '下一步'));
    expect(
      within(fieldRow(container, 'otherDescription')).getByText(
        '勾选“其他”时请简单描述需办理的业务',
      ),
    ).toBeInTheDocument();
    expect(api.requests.some((request) => request.method === 'PUT')).toBe(false);
  });

  test('no category and missing fields are marked by their fields', async () => {
    const { container } = renderWithI18n(<CertificationWizard />);
    await screen.findByText('公司注册地');
    fireEvent.click(nutButton(container, '下一步'));
    expect(within(fieldRow(container, 'fullName')).getByText('请输入公司全称')).toBeInTheDocument();
    expect(
      within(fieldRow(container, 'address')).getByText('请输入公司注册地址'),
    ).toBeInTheDocument();
    expect(
      within(fieldRow(container, 'categories')).getByText('请至少选择一项业务分类'),
    ).toBeInTheDocument();
  });

  test('leaving 公司全称 fills in a certified company', async () => {
    api.route({
      'GET /api/certification/companies/lookup': () => ({
        body: {
          found: true,
          company: {
            fullName: '港信科技有限公司',
            shortName: '港信',
            region: 'HK',
            address: '香港中环皇后大道中1号',
            brNumber: '12345678',
          },
        },
      }),
    });
    const { container } = renderWithI18n(<CertificationWizard />);
    await screen.findByText('公司注册地');
    const fullName = inputIn(fieldRow(container, 'fullName'));
    typeInto(fullName, '  港信科技有限公司 ');
    fireEvent.blur(fullName);
    await screen.findByText('贵公司已在专区认证，系统已自动填充公司信息，只需上传工作证明材料。');
    expect(inputIn(fieldRow(container, 'address')).value).toBe('香港中环皇后大道中1号');
    expect(inputIn(fieldRow(container, 'brNumber')).value).toBe('12345678');
    const lookup = api.requests.find((request) =>
      request.path.startsWith('/api/certification/companies/lookup'),
    );
    expect(lookup?.path).toBe(
      `/api/certification/companies/lookup?fullName=${encodeURIComponent('港信科技有限公司')}`,
    );
  });

  test('the ? next to 跨境基础设施 shows its explanation', async () => {
    renderWithI18n(<CertificationWizard />);
    await screen.findByText('跨境基础设施');
    expect(
      screen.queryByText('为境外机构提供跨境数据交换、网络接入等基础设施服务。'),
    ).not.toBeInTheDocument();
    fireEvent.click(screen.getByText('?'));
    expect(
      screen.getByText('为境外机构提供跨境数据交换、网络接入等基础设施服务。'),
    ).toBeInTheDocument();
  });

  test('server field errors show next to their field', async () => {
    api.route({
      'PUT /api/certification/drafts/current/company': () => ({
        status: 400,
        body: errorBody('request.invalid', '请检查标记的字段后重试。', [
          { field: 'brNumber', code: 'invalid', message: '商业登记证编号格式不正确。' },
        ]),
      }),
    });
    const { container } = renderWithI18n(<CertificationWizard />);
    await screen.findByText('公司注册地');
    typeInto(inputIn(fieldRow(container, 'fullName')), '新公司有限公司');
    typeInto(inputIn(fieldRow(container, 'address')), '香港九龙弥敦道100号');
    typeInto(inputIn(fieldRow(container, 'brNumber')), 'X1');
    fireEvent.click(screen.getByText('机柜'));
    fireEvent.click(nutButton(container, '下一步'));
    expect(
      await within(fieldRow(container, 'brNumber')).findByText('商业登记证编号格式不正确。'),
    ).toBeInTheDocument();
    const saved = api.requests.find((request) => request.method === 'PUT');
    expect(saved?.body).toMatchObject({
      region: 'HK',
      fullName: '新公司有限公司',
      brNumber: 'X1',
      categories: ['cabinet'],
    });
  });
});

describe('account step', () => {
  beforeEach(() => {
    storeDraftToken();
    api.route({ 'GET /api/certification/drafts/current': () => ({ body: draftAtAccountStep() }) });
  });

  async function fillAccount(container: HTMLElement, password: string, confirmPassword = password) {
    await screen.findByText('企业邮箱');
    typeInto(inputIn(fieldRow(container, 'username')), 'hk.alice');
    typeInto(inputIn(fieldRow(container, 'name')), '陈爱丽');
    typeInto(inputIn(fieldRow(container, 'department')), '运营部');
    typeInto(inputIn(fieldRow(container, 'phone'), 1), '21234567');
    typeInto(inputIn(fieldRow(container, 'title')), '经理');
    typeInto(inputIn(fieldRow(container, 'password')), password);
    typeInto(inputIn(fieldRow(container, 'confirmPassword')), confirmPassword);
    typeInto(inputIn(fieldRow(container, 'email')), 'alice@example.hk');
    typeInto(inputIn(fieldRow(container, 'code')), '123456');
  }

  test('reload prefills saved account fields', async () => {
    api.route({
      'GET /api/certification/drafts/current': () => ({
        body: {
          ...draftAtAccountStep(),
          account: {
            username: 'hk.alice',
            name: '陈爱丽',
            department: '运营部',
            phoneCallingCode: '852',
            phone: '+85221234567',
            title: '经理',
            email: 'alice@example.hk',
            mobile: '+85291234567',
          },
        },
      }),
    });
    const { container } = renderWithI18n(<CertificationWizard />);
    await screen.findByText('企业邮箱');
    await waitFor(() => expect(inputIn(fieldRow(container, 'username')).value).toBe('hk.alice'));
    expect(inputIn(fieldRow(container, 'name')).value).toBe('陈爱丽');
    expect(inputIn(fieldRow(container, 'department')).value).toBe('运营部');
    expect(inputIn(fieldRow(container, 'phone'), 0).value).toBe('852');
    expect(inputIn(fieldRow(container, 'phone'), 1).value).toBe('21234567');
    expect(inputIn(fieldRow(container, 'title')).value).toBe('经理');
    expect(inputIn(fieldRow(container, 'email')).value).toBe('alice@example.hk');
    expect(inputIn(fieldRow(container, 'mobile')).value).toBe('91234567');
    expect(inputIn(fieldRow(container, 'password')).value).toBe('');
    expect(inputIn(fieldRow(container, 'confirmPassword')).value).toBe('');
    expect(inputIn(fieldRow(container, 'code')).value).toBe('');

    // Only the secrets are typed again, and the saved fields are sent unchanged.
    api.route({
      'PUT /api/certification/drafts/current/account': () => ({ body: draftAtAccountStep() }),
      'POST /api/certification/drafts/current/submit': () => ({
        status: 400,
        body: errorBody('otp.invalid', '验证码错误，请重新输入。'),
      }),
    });
    typeInto(inputIn(fieldRow(container, 'password')), 'Str0ng!Pass');
    typeInto(inputIn(fieldRow(container, 'confirmPassword')), 'Str0ng!Pass');
    typeInto(inputIn(fieldRow(container, 'code')), '123456');
    fireEvent.click(nutButton(container, '提交'));
    await within(fieldRow(container, 'code')).findByText('验证码错误，请重新输入。');
    expect(api.requests.find((request) => request.method === 'PUT')?.body).toEqual({
      username: 'hk.alice',
      name: '陈爱丽',
      department: '运营部',
      phoneCallingCode: '852',
      phone: '21234567',
      title: '经理',
      email: 'alice@example.hk',
      mobile: '91234567',
    });
  });

  test('unsaved input survives a reload without the secrets', async () => {
    const first = renderWithI18n(<CertificationWizard />);
    await fillAccount(first.container, 'Str0ng!Pass');
    typeInto(inputIn(fieldRow(first.container, 'mobile')), '91234567');
    first.unmount();

    const stored = localStorage.getItem(storageKeys.unsavedAccount) ?? '';
    expect(stored).toContain('hk.alice');
    expect(stored).not.toContain('Str0ng!Pass');
    expect(stored).not.toMatch(/password|\bcode\b/u);
    expect(stored).not.toContain('draft-token-1');

    const { container } = renderWithI18n(<CertificationWizard />);
    await screen.findByText('企业邮箱');
    expect(inputIn(fieldRow(container, 'username')).value).toBe('hk.alice');
    expect(inputIn(fieldRow(container, 'name')).value).toBe('陈爱丽');
    expect(inputIn(fieldRow(container, 'department')).value).toBe('运营部');
    expect(inputIn(fieldRow(container, 'phone'), 0).value).toBe('852');
    expect(inputIn(fieldRow(container, 'phone'), 1).value).toBe('21234567');
    expect(inputIn(fieldRow(container, 'title')).value).toBe('经理');
    expect(inputIn(fieldRow(container, 'email')).value).toBe('alice@example.hk');
    expect(inputIn(fieldRow(container, 'mobile')).value).toBe('91234567');
    expect(inputIn(fieldRow(container, 'password')).value).toBe('');
    expect(inputIn(fieldRow(container, 'confirmPassword')).value).toBe('');
    expect(inputIn(fieldRow(container, 'code')).value).toBe('');
  });

  test('unsaved input of another draft is not shown', async () => {
    const first = renderWithI18n(<CertificationWizard />);
    await fillAccount(first.container, 'Str0ng!Pass');
    first.unmount();

    storeDraftToken('draft-token-2');
    const { container } = renderWithI18n(<CertificationWizard />);
    await screen.findByText('企业邮箱');
    expect(inputIn(fieldRow(container, 'username')).value).toBe('');
    expect(inputIn(fieldRow(container, 'email')).value).toBe('');
  });

  test('guide placeholders and the 852 prefix', async () => {
    const { container } = renderWithI18n(<CertificationWizard />);
    await screen.findByText('企业邮箱');
    expect(inputIn(fieldRow(container, 'name')).placeholder).toBe('请使用真实姓名');
    expect(inputIn(fieldRow(container, 'password')).placeholder).toBe(
      '至少8位, 由大小字母、数字和特殊字符组成',
    );
    expect(inputIn(fieldRow(container, 'confirmPassword')).placeholder).toBe(
      '至少8位, 由大小字母、数字和特殊字符组成',
    );
    expect(inputIn(fieldRow(container, 'email')).placeholder).toBe('邮箱唯一');
    expect(inputIn(fieldRow(container, 'phone'), 0).value).toBe('852');
    expect(inputIn(fieldRow(container, 'phone'), 1).placeholder).toBe('直线电话');
  });

  test.each([
    ['short1!A', undefined],
    ['alllowercase1!', '密码至少8位，须包含大写字母、小写字母、数字和特殊字符。'],
    ['NoDigits!!', '密码至少8位，须包含大写字母、小写字母、数字和特殊字符。'],
    ['NoSpecial12', '密码至少8位，须包含大写字母、小写字母、数字和特殊字符。'],
    ['Short1!', '密码至少8位，须包含大写字母、小写字母、数字和特殊字符。'],
  ])('password %p follows the shared rule', async (password, message) => {
    const { container } = renderWithI18n(<CertificationWizard />);
    await fillAccount(container, password);
    api.route({
      'PUT /api/certification/drafts/current/account': () => ({ status: 500, body: {} }),
    });
    fireEvent.click(nutButton(container, '提交'));
    if (message) {
      expect(within(fieldRow(container, 'password')).getByText(message)).toBeInTheDocument();
      expect(api.requests.some((request) => request.method === 'PUT')).toBe(false);
    } else {
      await waitFor(() =>
        expect(api.requests.some((request) => request.method === 'PUT')).toBe(true),
      );
    }
  });

  test('different confirmation is marked on 确认密码', async () => {
    const { container } = renderWithI18n(<CertificationWizard />);
    await fillAccount(container, 'Str0ng!Pass', 'Str0ng!Pasx');
    fireEvent.click(nutButton(container, '提交'));
    expect(
      within(fieldRow(container, 'confirmPassword')).getByText('两次输入的密码不一致。'),
    ).toBeInTheDocument();
  });

  test('获取验证码 counts down visibly', async () => {
    api.route({
      'POST /api/certification/drafts/current/email-code': () => ({
        body: { resendAfterSeconds: 60, expiresInSeconds: 300 },
      }),
    });
    const { container } = renderWithI18n(<CertificationWizard />);
    await screen.findByText('企业邮箱');
    fireEvent.click(nutButton(container, '获取验证码'));
    expect(within(fieldRow(container, 'email')).getByText('请先输入企业邮箱')).toBeInTheDocument();

    typeInto(inputIn(fieldRow(container, 'email')), 'alice@example.hk');
    // The button is busy until the first attempt has settled.
    await waitFor(() => expect(isDisabled(nutButton(container, '获取验证码'))).toBe(false));
    fireEvent.click(nutButton(container, '获取验证码'));
    const countdown = await screen.findByText('60秒后重新获取');
    expect(isDisabled(countdown.closest('.nut-button') as HTMLElement)).toBe(true);
    expect(
      await screen.findByText('59秒后重新获取', undefined, { timeout: 2500 }),
    ).toBeInTheDocument();
    const sent = api.requests.find((request) => request.path.endsWith('/email-code'));
    expect(sent?.body).toEqual({ email: 'alice@example.hk' });
  });

  test('a conflict from the server marks 企业邮箱 and shows the guide sentence', async () => {
    api.route({
      'PUT /api/certification/drafts/current/account': () => ({
        status: 409,
        body: errorBody('account.conflict', '账号/邮箱存在冲突, 请重试!', [
          { field: 'email', code: 'conflict', message: '账号/邮箱存在冲突, 请重试!' },
        ]),
      }),
    });
    const { container } = renderWithI18n(<CertificationWizard />);
    await fillAccount(container, 'Str0ng!Pass');
    fireEvent.click(nutButton(container, '提交'));
    expect(
      await within(fieldRow(container, 'email')).findByText('账号/邮箱存在冲突, 请重试!'),
    ).toBeInTheDocument();
    expect(
      within(fieldRow(container, 'username')).queryByText('账号/邮箱存在冲突, 请重试!'),
    ).not.toBeInTheDocument();
    expect(container.querySelector('.wizard-step__error')?.textContent).toBe(
      '账号/邮箱存在冲突, 请重试!',
    );
  });

  test('a wrong code is shown by 验证码', async () => {
    api.route({
      'PUT /api/certification/drafts/current/account': () => ({ body: draftAtAccountStep() }),
      'POST /api/certification/drafts/current/submit': () => ({
        status: 400,
        body: errorBody('otp.invalid', '验证码错误，请重新输入。'),
      }),
    });
    const { container } = renderWithI18n(<CertificationWizard />);
    await fillAccount(container, 'Str0ng!Pass');
    fireEvent.click(nutButton(container, '提交'));
    expect(
      await within(fieldRow(container, 'code')).findByText('验证码错误，请重新输入。'),
    ).toBeInTheDocument();
    const account = api.requests.find((request) => request.method === 'PUT');
    expect(account?.body).toMatchObject({
      username: 'hk.alice',
      phoneCallingCode: '852',
      phone: '21234567',
      email: 'alice@example.hk',
    });
  });

  test('a successful submission shows 申请成功 and forgets the draft', async () => {
    api.route({
      'PUT /api/certification/drafts/current/account': () => ({ body: draftAtAccountStep() }),
      'POST /api/certification/drafts/current/submit': () => ({
        body: {
          applicationNumber: 'UCZ20260105-000001',
          status: 'pending',
          submittedAt: '2026-01-05T02:10:00.000Z',
          deadline: '2026-01-08T02:10:00.000Z',
        },
      }),
    });
    const { container } = renderWithI18n(<CertificationWizard />);
    await fillAccount(container, 'Str0ng!Pass');
    fireEvent.click(nutButton(container, '提交'));
    expect(await screen.findByText('申请编号：UCZ20260105-000001')).toBeInTheDocument();
    const submit = api.requests.find((request) => request.path.endsWith('/submit'));
    expect(submit?.body).toEqual({
      password: 'Str0ng!Pass',
      confirmPassword: 'Str0ng!Pass',
      code: '123456',
    });
    expect(localStorage.getItem(storageKeys.draftToken)).toBeNull();
    expect(localStorage.getItem(storageKeys.unsavedAccount)).toBeNull();
  });
});
