import { normaliseEmail, usernameKey } from '@ucz/shared';
import { Types } from 'mongoose';
import { accountModel } from '../../src/modules/accounts/account.model';
import { accountClaimModel } from '../../src/modules/certification/account-claim.model';
import { applicationModel } from '../../src/modules/certification/application.model';
import type { ApplicationStatus } from '../../src/modules/certification/application.model';
import type { TestApp } from '../support/test-app';
import {
  accountInput,
  draftHeader,
  putAccount,
  startDraft,
  startWizardApp,
  uniqueSuffix,
} from './wizard';

const conflictMessage = '账号/邮箱存在冲突, 请重试!';

describe('certification account step', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startWizardApp();
  });

  afterAll(async () => {
    await t.close();
  });

  async function insertAccount(username: string, email: string): Promise<void> {
    await accountModel(t.database.db).create({
      username,
      usernameKey: usernameKey(username),
      email,
      emailKey: normaliseEmail(email),
      name: 'Existing User',
      department: 'IT',
      phone: '+85221234567',
      title: 'Engineer',
      passwordHash: 'not-a-real-hash',
      companyId: new Types.ObjectId(),
      role: 'user',
    });
  }

  async function insertApplication(
    username: string,
    email: string,
    status: ApplicationStatus,
  ): Promise<void> {
    const now = t.clock.now();
    const application = await applicationModel(t.database.db).create({
      number: `UCZ20260101-9${uniqueSuffix().slice(0, 5)}`,
      draftId: new Types.ObjectId(),
      type: 'new_company',
      company: {
        region: 'HK',
        fullName: 'Other Co',
        nameKey: 'other co',
        address: 'x',
        brNumber: '12345678',
      },
      categories: ['cabinet'],
      agreement: { version: '2026-01', acceptedAt: now, ip: '127.0.0.1', userAgent: 'jest' },
      account: {
        username,
        usernameKey: usernameKey(username),
        name: 'Other',
        department: 'IT',
        phoneCallingCode: '852',
        phone: '+85221234567',
        title: 'Clerk',
        email,
        emailKey: normaliseEmail(email),
      },
      passwordHash: 'not-a-real-hash',
      status,
      submittedAt: now,
      deadline: now,
      decidedAt: status === 'rejected' ? now : undefined,
      history: [{ at: now, event: 'submitted' }],
    });
    await accountClaimModel(t.database.db).create([
      { _id: `username:${usernameKey(username)}`, applicationId: application._id, claimedAt: now },
      { _id: `email:${normaliseEmail(email)}`, applicationId: application._id, claimedAt: now },
    ]);
  }

  it('saves the account without secrets and with E.164 numbers', async () => {
    const token = await startDraft(t);
    const response = await putAccount(
      t,
      token,
      accountInput({
        username: ' Ｃｈａｎ.Tai_Man@hk ',
        email: ' Chan.TM@Harbour.Example.com ',
        mobile: '9123 4567',
      }),
    ).expect(200);

    expect(response.body.account).toEqual({
      username: 'Chan.Tai_Man@hk',
      name: '陈大文',
      department: 'Operations',
      phoneCallingCode: '852',
      phone: '+85221234567',
      title: 'Manager',
      email: 'Chan.TM@Harbour.Example.com',
      mobile: '+85291234567',
    });
    expect(response.body.steps.account).toBe(true);
  });

  it.each([
    '2123 4567',
    '21234567',
    '2123-4567',
    '(852) 2123 4567',
    '+852 2123 4567',
    '+852-2123-4567',
    '00852 21234567',
    '852 2123 4567',
  ])('accepts the Hong Kong number %s', async (phone) => {
    const token = await startDraft(t);
    const response = await putAccount(
      t,
      token,
      accountInput({ phone, mobile: phone.replace('2123', '9123') }),
    ).expect(200);
    expect(response.body.account.phone).toBe('+85221234567');
    expect(response.body.account.mobile).toBe('+85291234567');
  });

  it('uses the chosen calling code for numbers without one', async () => {
    const token = await startDraft(t);
    const response = await putAccount(
      t,
      token,
      accountInput({ phoneCallingCode: '86', phone: '0755 8318 3333' }),
    ).expect(200);
    expect(response.body.account.phone).toBe('+8675583183333');
    expect(response.body.account.phoneCallingCode).toBe('86');
  });

  it('defaults the calling code to 852', async () => {
    const token = await startDraft(t);
    const input = accountInput();
    delete input.phoneCallingCode;
    const response = await putAccount(t, token, input).expect(200);
    expect(response.body.account.phoneCallingCode).toBe('852');
  });

  it('answers a malformed phone alone as invalid input', async () => {
    const token = await startDraft(t);
    const response = await putAccount(t, token, accountInput({ phone: '12' })).expect(400);
    expect(response.body.error.code).toBe('request.invalid');
    expect(response.body.error.fields).toEqual([
      expect.objectContaining({ field: 'phone', code: 'invalid' }),
    ]);
  });

  it('names every invalid field', async () => {
    const token = await startDraft(t);
    const response = await putAccount(
      t,
      token,
      accountInput({
        username: 'bad name!',
        phone: '12',
        email: 'not-an-email',
        mobile: 'call me',
      }),
    ).expect(409);
    expect(response.body.error.code).toBe('account.conflict');
    expect(response.body.error.message).toBe(conflictMessage);
    expect(response.body.error.fields.map((field: { field: string }) => field.field)).toEqual([
      'username',
      'phone',
      'mobile',
      'email',
    ]);
  });

  it.each([
    ['abc', 'too_short'],
    ['a'.repeat(33), 'too_long'],
    ['chan tai', 'invalid'],
    ['陈大文大文', 'invalid'],
  ])('rejects the username %s', async (username, code) => {
    const token = await startDraft(t);
    const response = await putAccount(t, token, accountInput({ username })).expect(409);
    expect(response.body.error.message).toBe(conflictMessage);
    expect(response.body.error.fields).toEqual([
      expect.objectContaining({ field: 'username', code }),
    ]);
  });

  it('accepts usernames with every allowed symbol', async () => {
    const token = await startDraft(t);
    await putAccount(t, token, accountInput({ username: `a_b.c-d@e${uniqueSuffix()}` })).expect(
      200,
    );
  });

  it('limits 姓名 to 50 characters', async () => {
    const token = await startDraft(t);
    const response = await putAccount(t, token, accountInput({ name: '名'.repeat(51) })).expect(
      400,
    );
    expect(response.body.error.fields).toEqual([
      expect.objectContaining({ field: 'name', code: 'too_long' }),
    ]);
  });

  describe('with an existing account', () => {
    beforeAll(async () => {
      await insertAccount('taken.user', 'taken.user@example.com');
    });

    it.each([
      ['the same case', 'taken.user', 'taken.user@example.com'],
      ['another case', 'TAKEN.User', 'TAKEN.USER@EXAMPLE.COM'],
      ['surrounding spaces', '  taken.user  ', '  taken.user@example.com  '],
    ])('reports a conflict with %s', async (_case, username, email) => {
      const token = await startDraft(t);
      const response = await putAccount(t, token, accountInput({ username, email })).expect(409);

      expect(response.body.error.code).toBe('account.conflict');
      expect(response.body.error.message).toBe(conflictMessage);
      expect(response.body.error.fields).toEqual([
        { field: 'username', code: 'conflict', message: conflictMessage },
        { field: 'email', code: 'conflict', message: conflictMessage },
      ]);
    });
  });

  it('marks only the field that conflicts', async () => {
    await insertAccount('only.name', 'only.name@example.com');
    const token = await startDraft(t);
    const byName = await putAccount(t, token, accountInput({ username: 'Only.Name' })).expect(409);
    expect(byName.body.error.fields.map((field: { field: string }) => field.field)).toEqual([
      'username',
    ]);

    const byEmail = await putAccount(
      t,
      token,
      accountInput({ email: 'ONLY.name@example.com ' }),
    ).expect(409);
    expect(byEmail.body.error.fields.map((field: { field: string }) => field.field)).toEqual([
      'email',
    ]);
  });

  it.each(['pending', 'approving', 'approved'] as const)(
    'reports a conflict with an application in status %s',
    async (status) => {
      const username = `live.${status}.${uniqueSuffix()}`;
      await insertApplication(username, `${username}@example.com`, status);
      const token = await startDraft(t);
      const response = await putAccount(
        t,
        token,
        accountInput({
          username: username.toUpperCase(),
          email: ` ${username.toUpperCase()}@example.com`,
        }),
      ).expect(409);
      expect(response.body.error.fields.map((field: { field: string }) => field.field)).toEqual([
        'username',
        'email',
      ]);
    },
  );

  it('frees the names of a rejected application', async () => {
    const username = `rejected.${uniqueSuffix()}`;
    await insertApplication(username, `${username}@example.com`, 'rejected');
    const token = await startDraft(t);
    await putAccount(t, token, accountInput({ username, email: `${username}@example.com` })).expect(
      200,
    );
  });

  it('refuses to send a code to a taken email', async () => {
    await insertAccount(`code.${uniqueSuffix()}`, 'code.taken@example.com');
    const token = await startDraft(t);
    const response = await t.api
      .post('/api/certification/drafts/current/email-code')
      .set(...draftHeader(token))
      .send({ email: 'Code.Taken@example.com' })
      .expect(409);
    expect(response.body.error.code).toBe('account.conflict');
    expect(t.mail.messages().some((mail) => mail.to.includes('code.taken@example.com'))).toBe(
      false,
    );
  });

  it('sends the email code to the normalised address', async () => {
    const token = await startDraft(t);
    const email = `Code.${uniqueSuffix()}@Harbour.Example.com`;
    const response = await t.api
      .post('/api/certification/drafts/current/email-code')
      .set(...draftHeader(token))
      .send({ email: ` ${email} ` })
      .expect(200);
    expect(response.body).toEqual({ resendAfterSeconds: 60, expiresInSeconds: 300 });
    const mail = await t.mail.waitFor((message) => message.to.includes(email.toLowerCase()));
    expect(mail.text).toMatch(/\b\d{6}\b/u);

    const again = await t.api
      .post('/api/certification/drafts/current/email-code')
      .set(...draftHeader(token))
      .send({ email })
      .expect(429);
    expect(again.body.error.code).toBe('otp.resend_too_soon');
  });
});
