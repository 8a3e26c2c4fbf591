import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Activation } from '@/pages/activate/Activation';
import { PasswordReset } from '@/pages/forgot-password/PasswordReset';
import { startFakeApi, useApiBase } from './support/fake-api';
import type { FakeApi } from './support/fake-api';
import { errorBody } from './support/fixtures';
import { fieldRow, inputIn, nutButton, renderWithI18n } from './support/render';

let api: FakeApi;

beforeEach(async () => {
  localStorage.clear();
  api = await startFakeApi({
    'POST /api/auth/password-reset/code': () => ({
      status: 202,
      body: { accepted: true, resendAfterSeconds: 60, expiresInSeconds: 300 },
    }),
    'POST /api/auth/password-reset': () => ({ status: 204 }),
    'POST /api/auth/activate': () => ({ status: 204 }),
  });
  useApiBase(api.url);
});

afterEach(async () => {
  await api.close();
});

function typeIn(container: HTMLElement, field: string, value: string) {
  fireEvent.input(inputIn(fieldRow(container, field)), { target: { value } });
}

describe('忘记密码', () => {
  test('the code goes to the email with a countdown', async () => {
    const { container } = renderWithI18n(<PasswordReset />);
    typeIn(container, 'email', 'alice@example.hk');
    fireEvent.click(nutButton(container, '获取验证码'));
    expect(await screen.findByText('60秒后重新获取')).toBeInTheDocument();
    expect(screen.getByText(/验证码已发送至该邮箱，5分钟内有效/u)).toBeInTheDocument();
    expect(api.requests[0]?.body).toEqual({ email: 'alice@example.hk' });
  });

  test('weak and mismatched passwords are marked before sending', () => {
    const { container } = renderWithI18n(<PasswordReset />);
    typeIn(container, 'email', 'alice@example.hk');
    typeIn(container, 'code', '123456');
    typeIn(container, 'newPassword', 'short');
    typeIn(container, 'confirmPassword', 'other');
    fireEvent.click(nutButton(container, '重置密码'));
    expect(
      within(fieldRow(container, 'newPassword')).getByText(
        '密码至少8位，须包含大写字母、小写字母、数字和特殊字符。',
      ),
    ).toBeInTheDocument();
    expect(
      within(fieldRow(container, 'confirmPassword')).getByText('两次输入的密码不一致。'),
    ).toBeInTheDocument();
    expect(api.requests).toHaveLength(0);
  });

  test('a valid reset leads back to login', async () => {
    const { container } = renderWithI18n(<PasswordReset />);
    typeIn(container, 'email', 'alice@example.hk');
    typeIn(container, 'code', '123456');
    typeIn(container, 'newPassword', 'New!Pass22');
    typeIn(container, 'confirmPassword', 'New!Pass22');
    fireEvent.click(nutButton(container, '重置密码'));
    expect(await screen.findByText(/密码已重置/u)).toBeInTheDocument();
    expect(api.requests[0]?.body).toEqual({
      email: 'alice@example.hk',
      code: '123456',
      newPassword: 'New!Pass22',
    });
  });

  test('a wrong code is shown at 验证码', async () => {
    api.route({
      'POST /api/auth/password-reset': () => ({
        status: 400,
        body: errorBody('otp.invalid', '验证码错误，请重新输入。'),
      }),
    });
    const { container } = renderWithI18n(<PasswordReset />);
    typeIn(container, 'email', 'alice@example.hk');
    typeIn(container, 'code', '000000');
    typeIn(container, 'newPassword', 'New!Pass22');
    typeIn(container, 'confirmPassword', 'New!Pass22');
    fireEvent.click(nutButton(container, '重置密码'));
    expect(
      await within(fieldRow(container, 'code')).findByText('验证码错误，请重新输入。'),
    ).toBeInTheDocument();
  });
});

describe('设置密码 from the emailed link', () => {
  test('the token from the link is sent with the password', async () => {
    const { container } = renderWithI18n(<Activation token="link-token-1" />);
    typeIn(container, 'password', 'First!Pass1');
    typeIn(container, 'confirmPassword', 'First!Pass1');
    fireEvent.click(nutButton(container, '设置密码'));
    expect(await screen.findByText('密码已设置，请使用新密码登录。')).toBeInTheDocument();
    expect(api.requests[0]?.body).toEqual({ token: 'link-token-1', password: 'First!Pass1' });
  });

  test('a used or expired link shows the server message', async () => {
    api.route({
      'POST /api/auth/activate': () => ({
        status: 400,
        body: errorBody('activation.invalid', '链接或验证码无效或已过期，请联系管理员重新发送。'),
      }),
    });
    const { container } = renderWithI18n(<Activation token="used-token" />);
    typeIn(container, 'password', 'First!Pass1');
    typeIn(container, 'confirmPassword', 'First!Pass1');
    fireEvent.click(nutButton(container, '设置密码'));
    expect(
      await screen.findByText('链接或验证码无效或已过期，请联系管理员重新发送。'),
    ).toBeInTheDocument();
  });

  test('a link without its token says so and sends nothing', async () => {
    renderWithI18n(<Activation />);
    expect(screen.getByText(/链接不完整/u)).toBeInTheDocument();
    await waitFor(() => expect(api.requests).toHaveLength(0));
  });

  test('the password rule applies before sending', () => {
    const { container } = renderWithI18n(<Activation token="link-token-1" />);
    typeIn(container, 'password', 'alllowercase');
    fireEvent.click(nutButton(container, '设置密码'));
    expect(
      within(fieldRow(container, 'password')).getByText(
        '密码至少8位，须包含大写字母、小写字母、数字和特殊字符。',
      ),
    ).toBeInTheDocument();
    expect(
      within(fieldRow(container, 'confirmPassword')).getByText('请输入确认密码'),
    ).toBeInTheDocument();
    expect(api.requests).toHaveLength(0);
  });
});
