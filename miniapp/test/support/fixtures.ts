import type { AgreementResponse, DraftView } from '@ucz/shared';

export const agreementResponse: AgreementResponse = {
  version: '2026-01',
  locale: 'zh-CN',
  agreement: { title: '统一客户专区用户使用协议', text: '第一条 总则\n第二条 账号\n第三条 附则' },
  adminAgreement: { title: '管理员协议', text: '管理员应妥善管理本公司账号。' },
};

/** A draft as the server returns it, with `overrides` applied. */
export function draftView(overrides: Partial<DraftView> = {}): DraftView {
  return {
    status: 'open',
    mode: 'new_company',
    agreement: { version: '2026-01', acceptedAt: '2026-01-05T02:00:00.000Z' },
    categories: [],
    applyAdmin: false,
    adminAgreementAccepted: false,
    files: [],
    requiredDocuments: ['business_registration', 'employment_proof'],
    steps: { company: false, documents: false, account: false },
    ...overrides,
  };
}

/** Builds a draft whose company and document steps are done, so the wizard opens at ③ 账号信息. */
export function draftAtAccountStep(): DraftView {
  return draftView({
    company: {
      region: 'HK',
      fullName: '港信科技有限公司',
      address: '香港中环皇后大道中1号',
      brNumber: '12345678',
    },
    categories: ['cabinet'],
    files: [
      {
        id: 'aaaaaaaaaaaaaaaaaaaaaaaa',
        kind: 'business_registration',
        filename: 'br.pdf',
        contentType: 'application/pdf',
        size: 2048,
        uploadedAt: '2026-01-05T02:01:00.000Z',
      },
      {
        id: 'bbbbbbbbbbbbbbbbbbbbbbbb',
        kind: 'employment_proof',
        filename: 'card.png',
        contentType: 'image/png',
        size: 4096,
        uploadedAt: '2026-01-05T02:02:00.000Z',
      },
    ],
    steps: { company: true, documents: true, account: false },
  });
}

/** An error body as the backend's error handler writes it. */
export function errorBody(
  code: string,
  message: string,
  fields: { field: string; code: string; message: string }[] = [],
) {
  return {
    error: { code, message, requestId: 'req-test', ...(fields.length > 0 ? { fields } : {}) },
  };
}
