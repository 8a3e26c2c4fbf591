import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { DraftView } from '@ucz/shared';
import { CertificationWizard } from '@/pages/certification/CertificationWizard';
import { storageKeys } from '@/platform/storage';
import { startFakeApi, useApiBase } from './support/fake-api';
import type { FakeApi } from './support/fake-api';
import { agreementResponse, draftView } from './support/fixtures';
import { mockBoxSize } from './support/layout';
import { fieldRow, isDisabled, nutButton, renderWithI18n } from './support/render';

const joinDraft = (overrides: Partial<DraftView> = {}) =>
  draftView({
    mode: 'join_company',
    company: {
      region: 'HK',
      fullName: '港信科技有限公司',
      address: '香港中环皇后大道中1号',
      brNumber: '12345678',
    },
    categories: ['cabinet'],
    requiredDocuments: ['employment_proof'],
    steps: { company: true, documents: false, account: false },
    ...overrides,
  });

const uploadedFile = {
  id: 'cccccccccccccccccccccccc',
  kind: 'employment_proof' as const,
  filename: 'staff-card.pdf',
  contentType: 'application/pdf' as const,
  size: 3000,
  uploadedAt: '2026-01-05T02:05:00.000Z',
};

let api: FakeApi;
let pickedFile: File | undefined;
const originalClick = HTMLInputElement.prototype.click;

beforeEach(async () => {
  localStorage.clear();
  localStorage.setItem(storageKeys.draftToken, JSON.stringify({ data: 'draft-token-1' }));
  api = await startFakeApi({
    'GET /api/certification/agreement': () => ({ body: agreementResponse }),
    'GET /api/certification/drafts/current': () => ({ body: joinDraft() }),
  });
  useApiBase(api.url);
  // The browser's file dialog: a click on a file input "chooses" pickedFile.
  HTMLInputElement.prototype.click = function click(this: HTMLInputElement) {
    if (this.type !== 'file') return originalClick.call(this);
    if (pickedFile)
      Object.defineProperty(this, 'files', { value: [pickedFile], configurable: true });
    this.dispatchEvent(new Event(pickedFile ? 'change' : 'cancel'));
  };
});

afterEach(async () => {
  HTMLInputElement.prototype.click = originalClick;
  pickedFile = undefined;
  await api.close();
});

test('a missing document is marked by its kind', async () => {
  const { container } = renderWithI18n(<CertificationWizard />);
  await screen.findByText('工作证明材料');
  expect(screen.queryByText('商业登记证影印件')).not.toBeInTheDocument();
  fireEvent.click(nutButton(container, '下一步'));
  expect(
    within(fieldRow(container, 'employment_proof')).getByText('请上传工作证明材料'),
  ).toBeInTheDocument();
});

test('an upload shows its progress, then the stored file', async () => {
  api.route({
    'POST /api/certification/drafts/current/files': () => ({
      status: 201,
      delayMs: 400,
      body: {
        file: uploadedFile,
        draft: joinDraft({
          files: [uploadedFile],
          steps: { company: true, documents: true, account: false },
        }),
      },
    }),
  });
  pickedFile = new File([new Uint8Array(3000)], 'staff-card.pdf', { type: 'application/pdf' });
  const { container } = renderWithI18n(<CertificationWizard />);
  await screen.findByText('工作证明材料');
  fireEvent.click(nutButton(container, '上传文件'));
  expect(await screen.findByText(/^上传中 \d+%$/u)).toBeInTheDocument();
  expect(await screen.findByText('staff-card.pdf')).toBeInTheDocument();
  await waitFor(() => expect(screen.queryByText(/^上传中/u)).not.toBeInTheDocument());
  const upload = api.requests.find((request) => request.method === 'POST');
  expect(upload?.path).toBe('/api/certification/drafts/current/files?kind=employment_proof');
  expect(upload?.headers['x-draft-token']).toBe('draft-token-1');
  expect(upload?.headers['content-type']).toMatch(/^multipart\/form-data/u);
});

test('an oversize file is refused before uploading', async () => {
  pickedFile = new File([new Uint8Array(10 * 1024 * 1024 + 1)], 'huge.pdf', {
    type: 'application/pdf',
  });
  const { container } = renderWithI18n(<CertificationWizard />);
  await screen.findByText('工作证明材料');
  fireEvent.click(nutButton(container, '上传文件'));
  expect(
    await within(fieldRow(container, 'employment_proof')).findByText(
      '工作证明材料：文件超过 10 MB，请压缩后重新上传。',
    ),
  ).toBeInTheDocument();
  expect(api.requests.some((request) => request.method === 'POST')).toBe(false);
});

test('the upload limit follows the server', async () => {
  api.route({
    'GET /api/certification/drafts/current': () => ({
      body: joinDraft({ uploadMaxBytes: 2 * 1024 * 1024 }),
    }),
  });
  pickedFile = new File([new Uint8Array(2 * 1024 * 1024 + 1)], 'big.pdf', {
    type: 'application/pdf',
  });
  const { container } = renderWithI18n(<CertificationWizard />);
  await screen.findByText('工作证明材料');
  expect(within(fieldRow(container, 'employment_proof')).getByText(/2 ?MB/u)).toBeInTheDocument();
  fireEvent.click(nutButton(container, '上传文件'));
  expect(
    await within(fieldRow(container, 'employment_proof')).findByText(
      '工作证明材料：文件超过 2 MB，请压缩后重新上传。',
    ),
  ).toBeInTheDocument();
  expect(api.requests.some((request) => request.method === 'POST')).toBe(false);
});

test('申请管理员 needs its agreement and adds the authorisation with 下载模板', async () => {
  api.route({
    'PUT /api/certification/drafts/current/documents': () => ({
      body: joinDraft({
        applyAdmin: true,
        adminAgreementAccepted: true,
        requiredDocuments: ['employment_proof', 'admin_authorisation'],
      }),
    }),
  });
  const { container } = renderWithI18n(<CertificationWizard />);
  await screen.findByText('申请管理员');
  expect(screen.queryByText('管理员账户授权书')).not.toBeInTheDocument();
  fireEvent.click(screen.getByText('申请管理员'));
  await screen.findByText('管理员协议');
  fireEvent.scroll(container.querySelector('.agreement-panel__text') as HTMLElement, {
    target: { scrollTop: 300 },
  });
  fireEvent.click(nutButton(container, '我已阅读并同意以上协议'));
  expect(await screen.findByText('管理员账户授权书')).toBeInTheDocument();
  expect(screen.getByText('下载模板')).toBeInTheDocument();
  expect(api.requests.find((request) => request.method === 'PUT')?.body).toEqual({
    applyAdmin: true,
    adminAgreementAccepted: true,
  });
});

test('admin agreement accepted when it fits', async () => {
  api.route({
    'PUT /api/certification/drafts/current/documents': () => ({
      body: joinDraft({
        applyAdmin: true,
        adminAgreementAccepted: true,
        requiredDocuments: ['employment_proof', 'admin_authorisation'],
      }),
    }),
  });
  // The short administrator agreement in a 360px box on a desktop screen: nothing to scroll.
  const restore = mockBoxSize('agreement-panel__text', { scrollHeight: 120, clientHeight: 360 });
  try {
    const { container } = renderWithI18n(<CertificationWizard />);
    await screen.findByText('申请管理员');
    fireEvent.click(screen.getByText('申请管理员'));
    await screen.findByText('管理员协议');
    await waitFor(() =>
      expect(isDisabled(nutButton(container, '我已阅读并同意以上协议'))).toBe(false),
    );
    fireEvent.click(nutButton(container, '我已阅读并同意以上协议'));
    expect(await screen.findByText('管理员账户授权书')).toBeInTheDocument();
  } finally {
    restore();
  }
});

test('long admin agreement needs scrolling', async () => {
  const restore = mockBoxSize('agreement-panel__text', { scrollHeight: 800, clientHeight: 360 });
  try {
    const { container } = renderWithI18n(<CertificationWizard />);
    await screen.findByText('申请管理员');
    fireEvent.click(screen.getByText('申请管理员'));
    await screen.findByText('管理员协议');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(isDisabled(nutButton(container, '我已阅读并同意以上协议'))).toBe(true);
  } finally {
    restore();
  }
});

/** A browser tab that window.open returned: records where the page sends it. */
function fakeTab() {
  const tab = { opener: {} as unknown, location: { href: '' }, close: jest.fn() };
  return tab;
}

test('预览 shows the document in a new tab', async () => {
  const pdfBytes = Buffer.from('%PDF-1.4\n% staff card\n%%EOF\n');
  api.route({
    'GET /api/certification/drafts/current': () => ({ body: joinDraft({ files: [uploadedFile] }) }),
    [`GET /api/certification/drafts/current/files/${uploadedFile.id}`]: () => ({
      bytes: pdfBytes,
      contentType: 'application/pdf',
    }),
  });
  const tab = fakeTab();
  const open = jest.spyOn(window, 'open').mockReturnValue(tab as unknown as Window);
  const objectUrl = jest.spyOn(URL, 'createObjectURL').mockReturnValue('blob:preview-1');
  const linkClick = jest.spyOn(HTMLAnchorElement.prototype, 'click');
  try {
    renderWithI18n(<CertificationWizard />);
    await screen.findByText('staff-card.pdf');
    fireEvent.click(screen.getByText('预览'));
    // The tab opens during the click itself, before the file arrives.
    expect(open).toHaveBeenCalledWith('', '_blank');
    expect(tab.opener).toBeNull();

    await waitFor(() => expect(tab.location.href).toBe('blob:preview-1'));
    const blob = objectUrl.mock.calls[0]?.[0] as Blob;
    expect(blob.type).toBe('application/pdf');
    expect(blob.size).toBe(pdfBytes.length);
    expect(linkClick).not.toHaveBeenCalled();
    expect(tab.close).not.toHaveBeenCalled();
    const request = api.requests.find((entry) => entry.path.includes(uploadedFile.id));
    expect(request?.path).toBe(
      `/api/certification/drafts/current/files/${uploadedFile.id}?disposition=inline`,
    );
    expect(request?.headers['x-draft-token']).toBe('draft-token-1');
  } finally {
    open.mockRestore();
    objectUrl.mockRestore();
    linkClick.mockRestore();
  }
});

test('预览 of an unknown type saves the file instead', async () => {
  api.route({
    'GET /api/certification/drafts/current': () => ({ body: joinDraft({ files: [uploadedFile] }) }),
    [`GET /api/certification/drafts/current/files/${uploadedFile.id}`]: () => ({
      bytes: Buffer.from('<script>alert(1)</script>'),
      contentType: 'text/html',
    }),
  });
  const tab = fakeTab();
  const open = jest.spyOn(window, 'open').mockReturnValue(tab as unknown as Window);
  const objectUrl = jest.spyOn(URL, 'createObjectURL').mockReturnValue('blob:saved-1');
  const linkClick = jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
  try {
    renderWithI18n(<CertificationWizard />);
    await screen.findByText('staff-card.pdf');
    fireEvent.click(screen.getByText('预览'));
    await waitFor(() => expect(linkClick).toHaveBeenCalledTimes(1));
    expect(tab.close).toHaveBeenCalled();
    expect(tab.location.href).toBe('');
    expect((objectUrl.mock.calls[0]?.[0] as Blob).type).toBe('');
  } finally {
    open.mockRestore();
    objectUrl.mockRestore();
    linkClick.mockRestore();
  }
});

test('预览 that fails closes the tab and says so', async () => {
  api.route({
    'GET /api/certification/drafts/current': () => ({ body: joinDraft({ files: [uploadedFile] }) }),
    [`GET /api/certification/drafts/current/files/${uploadedFile.id}`]: () => ({
      status: 404,
      body: { error: { code: 'file.not_found', message: '文件不存在' } },
    }),
  });
  const tab = fakeTab();
  const open = jest.spyOn(window, 'open').mockReturnValue(tab as unknown as Window);
  try {
    const { container } = renderWithI18n(<CertificationWizard />);
    await screen.findByText('staff-card.pdf');
    fireEvent.click(screen.getByText('预览'));
    expect(
      await within(fieldRow(container, 'employment_proof')).findByText('预览失败，请稍后重试'),
    ).toBeInTheDocument();
    expect(tab.close).toHaveBeenCalled();
  } finally {
    open.mockRestore();
  }
});
