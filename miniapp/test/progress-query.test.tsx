import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { ApplicationProgress } from '@ucz/shared';
import { ProgressQuery } from '@/pages/progress/ProgressQuery';
import { storageKeys } from '@/platform/storage';
import { startFakeApi, useApiBase } from './support/fake-api';
import type { FakeApi } from './support/fake-api';
import { agreementResponse, draftView, errorBody } from './support/fixtures';
import { fieldRow, inputIn, nutButton, renderWithI18n } from './support/render';

const rejected: ApplicationProgress = {
  number: 'UCZ20260105-000007',
  status: 'rejected',
  type: 'new_company',
  companyName: '港信科技有限公司',
  username: 'hk.alice',
  submittedAt: '2026-01-05T02:10:00.000Z',
  deadline: '2026-01-08T02:10:00.000Z',
  revision: 1,
  history: [
    { at: '2026-01-05T02:10:00.000Z', event: 'submitted' },
    { at: '2026-01-06T03:00:00.000Z', event: 'rejected', reason: '商业登记证影印件不清晰' },
  ],
  rejectReason: '商业登记证影印件不清晰',
};

let api: FakeApi;

beforeEach(async () => {
  localStorage.clear();
  api = await startFakeApi({
    'GET /api/certification/agreement': () => ({ body: agreementResponse }),
    'POST /api/certification/progress/by-password': () => ({
      body: { applications: [rejected], applicationToken: 'app-token-1', expiresInSeconds: 1800 },
    }),
  });
  useApiBase(api.url);
});

afterEach(async () => {
  await api.close();
});

async function queryByPassword(container: HTMLElement) {
  typeIn(inputIn(fieldRow(container, 'username')), 'hk.alice');
  typeIn(inputIn(fieldRow(container, 'password')), 'Str0ng!Pass');
  fireEvent.click(nutButton(container, '查询'));
  await screen.findByText('UCZ20260105-000007');
}

function typeIn(input: HTMLInputElement, value: string) {
  fireEvent.input(input, { target: { value } });
}

test('query by account shows the timeline and the rejection reason', async () => {
  const { container } = renderWithI18n(<ProgressQuery />);
  await queryByPassword(container);
  const card = container.querySelector('[data-application="UCZ20260105-000007"]') as HTMLElement;
  expect(
    within(card).getByText('审核驳回', { selector: '.nut-tag *, .nut-tag' }),
  ).toBeInTheDocument();
  expect(within(card).getByText('提交申请')).toBeInTheDocument();
  expect(within(card).getAllByText('商业登记证影印件不清晰')).toHaveLength(2);
  expect(api.requests[0]?.body).toEqual({ username: 'hk.alice', password: 'Str0ng!Pass' });
});

test('wrong credentials show the server message', async () => {
  api.route({
    'POST /api/certification/progress/by-password': () => ({
      status: 401,
      body: errorBody('auth.invalid_credentials', '账号或密码错误。'),
    }),
  });
  const { container } = renderWithI18n(<ProgressQuery />);
  typeIn(inputIn(fieldRow(container, 'username')), 'hk.alice');
  typeIn(inputIn(fieldRow(container, 'password')), 'wrong');
  fireEvent.click(nutButton(container, '查询'));
  expect(await screen.findByText('账号或密码错误。')).toBeInTheDocument();
});

test('query by email needs the emailed code', async () => {
  api.route({
    'POST /api/certification/progress/email-code': () => ({
      body: { resendAfterSeconds: 60, expiresInSeconds: 300 },
    }),
    'POST /api/certification/progress/by-email': () => ({
      status: 400,
      body: errorBody('otp.expired', '验证码已失效，请重新获取。'),
    }),
  });
  const { container } = renderWithI18n(<ProgressQuery />);
  fireEvent.click(screen.getByText('邮箱验证码查询'));
  typeIn(inputIn(fieldRow(container, 'email')), 'alice@example.hk');
  fireEvent.click(nutButton(container, '获取验证码'));
  expect(await screen.findByText('60秒后重新获取')).toBeInTheDocument();
  typeIn(inputIn(fieldRow(container, 'code')), '000000');
  fireEvent.click(nutButton(container, '查询'));
  expect(
    await within(fieldRow(container, 'code')).findByText('验证码已失效，请重新获取。'),
  ).toBeInTheDocument();
});

test('reopening a rejected application needs the agreement again', async () => {
  api.route({
    'POST /api/certification/applications/UCZ20260105-000007/reopen': () => ({
      status: 201,
      body: { draftToken: 'draft-token-reopened', draft: draftView() },
    }),
  });
  const { container } = renderWithI18n(<ProgressQuery />);
  await queryByPassword(container);
  fireEvent.click(nutButton(container, '修改并重新提交'));
  await screen.findByText('统一客户专区用户使用协议');
  fireEvent.scroll(container.querySelector('.agreement-panel__text') as HTMLElement, {
    target: { scrollTop: 500 },
  });
  fireEvent.click(nutButton(container, '我已阅读并同意以上协议'));
  await waitFor(() =>
    expect(localStorage.getItem(storageKeys.draftToken)).toContain('draft-token-reopened'),
  );
  const reopen = api.requests.find((request) => request.path.endsWith('/reopen'));
  expect(reopen?.headers['x-application-token']).toBe('app-token-1');
  expect(reopen?.body).toEqual({ agreementVersion: '2026-01', accepted: true });
});
