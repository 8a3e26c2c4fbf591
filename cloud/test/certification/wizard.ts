import { randomBytes } from 'node:crypto';
import type { AccountStepRequest, CompanyStepRequest, DocumentKind } from '@ucz/shared';
import type { Test } from 'supertest';
import { startTestApp } from '../support/test-app';
import type { TestApp, TestAppOptions } from '../support/test-app';
import { buildPdf } from '../fixtures/documents';

/** A password that satisfies the rule. */
export const goodPassword = 'Harbour#2026';

/** Starts the app with OTP limits high enough for a file of wizard tests from one address. */
export function startWizardApp(options: TestAppOptions = {}): Promise<TestApp> {
  return startTestApp({
    ...options,
    env: { OTP_DAILY_LIMIT_PER_IP: '1000', OTP_DAILY_LIMIT_PER_DESTINATION: '100', ...options.env },
  });
}

export function uniqueSuffix(): string {
  return randomBytes(4).toString('hex');
}

export function draftHeader(token: string): [string, string] {
  return ['X-Draft-Token', token];
}

/** Accepts the current agreement and returns the new draft's token. */
export async function startDraft(t: TestApp): Promise<string> {
  const response = await t.api
    .post('/api/certification/drafts')
    .set('User-Agent', 'wizard-test/1.0')
    .send({ agreementVersion: t.config.AGREEMENT_VERSION, accepted: true })
    .expect(201);
  return response.body.draftToken as string;
}

export function companyInput(overrides: Partial<CompanyStepRequest> = {}): CompanyStepRequest {
  return {
    region: 'HK',
    fullName: `Harbour Trading ${uniqueSuffix()} Limited`,
    shortName: 'Harbour',
    address: '1 Harbour Road, Wan Chai, Hong Kong',
    brNumber: '12345678',
    categories: ['szse_trading_settlement', 'blockchain'],
    ...overrides,
  };
}

export function putCompany(t: TestApp, token: string, input: Partial<CompanyStepRequest>): Test {
  return t.api
    .put('/api/certification/drafts/current/company')
    .set(...draftHeader(token))
    .send(input);
}

export function accountInput(overrides: Partial<AccountStepRequest> = {}): AccountStepRequest {
  const suffix = uniqueSuffix();
  return {
    username: `chan.${suffix}`,
    name: '陈大文',
    department: 'Operations',
    phoneCallingCode: '852',
    phone: '2123 4567',
    title: 'Manager',
    email: `chan.${suffix}@harbour.example.com`,
    ...overrides,
  };
}

export function putAccount(t: TestApp, token: string, input: Partial<AccountStepRequest>): Test {
  return t.api
    .put('/api/certification/drafts/current/account')
    .set(...draftHeader(token))
    .send(input);
}

/** Uploads a document through the real multipart route. */
export function uploadFile(
  t: TestApp,
  token: string,
  kind: DocumentKind,
  content: Buffer = buildPdf(),
  filename = 'document.pdf',
  contentType = 'application/pdf',
): Test {
  return t.api
    .post(`/api/certification/drafts/current/files?kind=${kind}`)
    .set(...draftHeader(token))
    .attach('file', content, { filename, contentType });
}

/** Requests the email code for `email` and reads it from the SMTP sink. */
export async function emailCode(t: TestApp, token: string, email: string): Promise<string> {
  const sentAfter = Date.now();
  await t.api
    .post('/api/certification/drafts/current/email-code')
    .set(...draftHeader(token))
    .send({ email })
    .expect(200);
  const mail = await t.mail.waitFor(
    (message) =>
      message.to.includes(email.trim().toLowerCase()) &&
      message.receivedAt.getTime() >= sentAfter - 1000,
  );
  return codeIn(mail.text);
}

export function codeIn(text: string): string {
  const match = /\b(\d{6})\b/u.exec(text);
  if (!match?.[1]) throw new Error(`no 6-digit code in message: ${text}`);
  return match[1];
}

export interface FilledDraft {
  token: string;
  account: AccountStepRequest;
  company: CompanyStepRequest;
  code: string;
}

/** Fills every step of a new-company draft and fetches the email code, ready to submit. */
export async function fillDraft(
  t: TestApp,
  options: { company?: Partial<CompanyStepRequest>; account?: Partial<AccountStepRequest> } = {},
): Promise<FilledDraft> {
  const token = await startDraft(t);
  const company = companyInput(options.company);
  await putCompany(t, token, company).expect(200);
  await uploadFile(t, token, 'business_registration').expect(201);
  await uploadFile(t, token, 'employment_proof').expect(201);
  const account = accountInput(options.account);
  await putAccount(t, token, account).expect(200);
  const code = await emailCode(t, token, account.email);
  return { token, account, company, code };
}

export function submitDraft(
  t: TestApp,
  token: string,
  code: string,
  password = goodPassword,
  confirmPassword = password,
): Test {
  return t.api
    .post('/api/certification/drafts/current/submit')
    .set(...draftHeader(token))
    .send({ password, confirmPassword, code });
}

/** Counts the documents of the GridFS uploads bucket. */
export async function countUploads(t: TestApp): Promise<{ files: number; chunks: number }> {
  const db = t.database.db.db;
  if (!db) throw new Error('database not connected');
  return {
    files: await db.collection('uploads.files').countDocuments(),
    chunks: await db.collection('uploads.chunks').countDocuments(),
  };
}
