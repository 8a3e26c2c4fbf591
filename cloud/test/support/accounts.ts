import { randomBytes } from 'node:crypto';
import { companyNameKey, normaliseEmail, usernameKey } from '@ucz/shared';
import type { BusinessCategoryCode } from '@ucz/shared';
import { Types } from 'mongoose';
import type { Response } from 'supertest';
import { accountModel } from '../../src/modules/accounts/account.model';
import type { AccountDoc } from '../../src/modules/accounts/account.model';
import { companyModel } from '../../src/modules/accounts/company.model';
import type { CompanyDoc } from '../../src/modules/accounts/company.model';
import { createReviewer } from '../../src/modules/staff/staff-accounts';
import type { StaffRole } from '../../src/modules/staff/staff.model';
import type { StoredMail } from '../../src/simulator/smtp-sink';
import type { StoredSms } from '../../src/simulator/sms-sink';
import type { TestApp } from './test-app';

/** Passwords that satisfy the password rule. */
export const accountPassword = 'Account#2026';
export const newPassword = 'Changed#2027';
export const staffPassword = 'Review@2026';

let sequence = 0;

/** Returns a name that no other call in this run returns. */
export function uniqueName(prefix: string): string {
  sequence += 1;
  return `${prefix}${sequence}${randomBytes(3).toString('hex')}`;
}

export interface CompanyOptions {
  fullName?: string;
  customerManager?: { name: string; email: string };
}

/** Inserts a certified company, as an approval creates it. */
export async function insertCompany(t: TestApp, options: CompanyOptions = {}): Promise<CompanyDoc> {
  const fullName = options.fullName ?? `${uniqueName('Harbour Trading ')} Limited`;
  const company = await companyModel(t.database.db).create({
    fullName,
    nameKey: companyNameKey(fullName),
    region: 'HK',
    address: '1 Harbour Road, Wan Chai, Hong Kong',
    brNumber: '12345678',
    categories: ['szse_trading_settlement', 'blockchain'],
    certifiedAt: t.clock.now(),
    sourceApplicationId: new Types.ObjectId(),
    ...(options.customerManager ? { customerManager: options.customerManager } : {}),
  });
  return company.toObject() as CompanyDoc;
}

export interface AccountOptions {
  companyId?: Types.ObjectId;
  role?: 'admin' | 'user';
  status?: 'active' | 'disabled';
  /** E.164; omit for an account without a mobile. */
  mobile?: string;
  /** null inserts an account that has not set a password yet. */
  password?: string | null;
  username?: string;
  email?: string;
  permissions?: BusinessCategoryCode[];
}

export interface TestAccount {
  account: AccountDoc;
  id: string;
  username: string;
  email: string;
  password: string;
  companyId: Types.ObjectId;
}

/** Inserts an account directly, with its password hashed by the app's hasher; creates a company unless given. */
export async function insertAccount(
  t: TestApp,
  options: AccountOptions = {},
): Promise<TestAccount> {
  const companyId = options.companyId ?? (await insertCompany(t))._id;
  const username = options.username ?? uniqueName('user');
  const email = options.email ?? `${username.toLowerCase()}@example.com`;
  const password = options.password === null ? undefined : (options.password ?? accountPassword);
  const account = await accountModel(t.database.db).create({
    username,
    usernameKey: usernameKey(username),
    email,
    emailKey: normaliseEmail(email),
    name: 'Chan Tai Man',
    department: 'Operations',
    phone: '+85221234567',
    title: 'Manager',
    mobile: options.mobile,
    ...(password ? { passwordHash: await t.services.passwordHasher.hash(password) } : {}),
    companyId,
    role: options.role ?? 'user',
    status: options.status ?? 'active',
    permissions: options.permissions ?? ['szse_trading_settlement'],
    sessionVersion: 0,
  });
  const stored = account.toObject() as AccountDoc;
  return {
    account: stored,
    id: stored._id.toString(),
    username,
    email: stored.email,
    password: password ?? '',
    companyId,
  };
}

/** Creates a staff member through the same function as the CLI. */
export async function insertStaff(t: TestApp, role: StaffRole = 'reviewer') {
  const username = uniqueName('staff');
  const staff = await createReviewer(
    { db: t.database.db, hasher: t.services.passwordHasher },
    { username, name: `Staff ${username}`, password: staffPassword, role },
  );
  return { ...staff, password: staffPassword };
}

/** Extracts the 6-digit code from a message text. */
export function codeIn(text: string): string {
  const match = /\b(\d{6})\b/u.exec(text);
  if (!match?.[1]) throw new Error(`no 6-digit code in message: ${text}`);
  return match[1];
}

/** Marks the messages stored so far, so that the returned wait matches only newer ones. */
export function mailMark(
  t: TestApp,
): (predicate: (mail: StoredMail) => boolean, timeoutMs?: number) => Promise<StoredMail> {
  const seen = new Set(t.mail.messages().map((mail) => mail.id));
  return (predicate, timeoutMs = 3000) =>
    t.mail.waitFor((mail) => !seen.has(mail.id) && predicate(mail), timeoutMs);
}

export function smsMark(
  t: TestApp,
): (predicate: (sms: StoredSms) => boolean, timeoutMs?: number) => Promise<StoredSms> {
  const seen = new Set(t.sms.messages().map((sms) => sms.id));
  return (predicate, timeoutMs = 3000) =>
    t.sms.waitFor((sms) => !seen.has(sms.id) && predicate(sms), timeoutMs);
}

/** Asks for an email login code and returns the challenge id and the code from the mail. */
export async function requestEmailCode(
  t: TestApp,
  who: { username: string; password: string; email: string },
): Promise<{ challengeId: string; code: string; response: Response }> {
  const next = mailMark(t);
  const response = await t.api
    .post('/api/auth/login/code')
    .send({ username: who.username, password: who.password, channel: 'email' })
    .expect(200);
  const mail = await next((message) => message.to.includes(normaliseEmail(who.email)));
  return { challengeId: response.body.challengeId as string, code: codeIn(mail.text), response };
}

export interface BearerSession {
  accessToken: string;
  refreshToken: string;
  auth: [string, string];
  body: Record<string, unknown>;
}

/** Logs an account in over HTTP with password and email code, as the mini-program does (bearer tokens). */
export async function loginBearer(
  t: TestApp,
  who: { username: string; password: string; email: string },
): Promise<BearerSession> {
  const { challengeId, code } = await requestEmailCode(t, who);
  const response = await t.api
    .post('/api/auth/login')
    .send({ challengeId, password: who.password, code, tokenTransport: 'bearer' })
    .expect(200);
  const accessToken = response.body.session.accessToken as string;
  return {
    accessToken,
    refreshToken: response.body.session.refreshToken as string,
    auth: ['Authorization', `Bearer ${accessToken}`],
    body: response.body as Record<string, unknown>,
  };
}

/** Logs a staff member in over HTTP with bearer tokens. */
export async function loginStaffBearer(
  t: TestApp,
  who: { username: string; password: string },
): Promise<BearerSession> {
  const response = await t.api
    .post('/api/review/login')
    .send({ username: who.username, password: who.password, tokenTransport: 'bearer' })
    .expect(200);
  const accessToken = response.body.session.accessToken as string;
  return {
    accessToken,
    refreshToken: response.body.session.refreshToken as string,
    auth: ['Authorization', `Bearer ${accessToken}`],
    body: response.body as Record<string, unknown>,
  };
}

/** Settings that keep a test file's many logins from one address under the daily and per-address limits. */
export const roomyLimits: Record<string, string> = {
  OTP_DAILY_LIMIT_PER_IP: '1000',
  OTP_DAILY_LIMIT_PER_DESTINATION: '100',
  LOGIN_ATTEMPTS_PER_IP: '10000',
  PASSWORD_RESET_REQUESTS_PER_IP: '1000',
};
