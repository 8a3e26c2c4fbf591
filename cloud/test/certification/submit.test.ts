import argon2 from 'argon2';
import { Types } from 'mongoose';
import { companyNameKey } from '@ucz/shared';
import { companyModel } from '../../src/modules/accounts/company.model';
import { accountClaimModel } from '../../src/modules/certification/account-claim.model';
import { applicationModel } from '../../src/modules/certification/application.model';
import type { TestApp } from '../support/test-app';
import { buildJpeg } from '../fixtures/documents';
import {
  accountInput,
  companyInput,
  countUploads,
  draftHeader,
  emailCode,
  fillDraft,
  goodPassword,
  putAccount,
  putCompany,
  startDraft,
  startWizardApp,
  submitDraft,
  uniqueSuffix,
  uploadFile,
} from './wizard';

function fieldsOf(body: { error: { fields?: { field: string; code: string }[] } }) {
  return (body.error.fields ?? []).map((field) => `${field.field}:${field.code}`);
}

describe('certification submission', () => {
  let t: TestApp;

  beforeAll(async () => {
    // A Wednesday at 10:00 in Shenzhen; three working days later is Monday 7 December.
    t = await startWizardApp({ now: new Date('2026-12-02T02:00:00Z') });
  });

  afterAll(async () => {
    await t.close();
  });

  it('creates a pending application with a number and deadline', async () => {
    const filled = await fillDraft(t, { account: { mobile: '+852 9123 4567' } });
    const response = await submitDraft(t, filled.token, filled.code).expect(200);

    expect(response.body).toEqual({
      applicationNumber: expect.stringMatching(/^UCZ20261202-\d{6}$/u),
      status: 'pending',
      submittedAt: '2026-12-02T02:00:00.000Z',
      deadline: t.services.review.calendar
        .deadlineFor(new Date('2026-12-02T02:00:00Z'))
        .toISOString(),
    });
    expect(response.body.deadline).toBe('2026-12-07T15:59:59.999Z');

    const application = await applicationModel(t.database.db)
      .findOne({ number: response.body.applicationNumber })
      .lean();
    expect(application).toMatchObject({
      status: 'pending',
      type: 'new_company',
      revision: 1,
      company: { fullName: filled.company.fullName, region: 'HK', brNumber: '12345678' },
      categories: ['szse_trading_settlement', 'blockchain'],
      account: {
        username: filled.account.username,
        emailKey: filled.account.email.toLowerCase(),
        mobile: '+85291234567',
      },
      history: [{ event: 'submitted', at: new Date('2026-12-02T02:00:00Z') }],
    });
    expect(application?.files.map((file) => file.kind).sort()).toEqual([
      'business_registration',
      'employment_proof',
    ]);
    expect(application?.passwordHash).toMatch(/^\$argon2id\$/u);
    expect(await argon2.verify(application?.passwordHash ?? '', goodPassword)).toBe(true);

    const claims = await accountClaimModel(t.database.db)
      .find({ applicationId: application?._id })
      .lean();
    expect(claims.map((claim) => claim._id).sort()).toEqual([
      `email:${filled.account.email.toLowerCase()}`,
      `username:${filled.account.username.toLowerCase()}`,
    ]);

    const outbox = t.database.db.db?.collection('notification_outbox');
    const messages = await outbox
      ?.find({ dedupeKey: { $regex: `^submitted:${application?._id.toString()}:1:` } })
      .toArray();
    expect(messages?.map((message) => `${message.channel}:${message.to}`).sort()).toEqual([
      `email:${filled.account.email}`,
      'sms:+85291234567',
    ]);

    const draft = await t.api
      .get('/api/certification/drafts/current')
      .set(...draftHeader(filled.token))
      .expect(200);
    expect(draft.body.status).toBe('submitted');
    expect(draft.body.application).toEqual({
      number: response.body.applicationNumber,
      status: 'pending',
    });
  });

  it('numbers applications of a day in sequence', async () => {
    const first = await fillDraft(t);
    const second = await fillDraft(t);
    const a = await submitDraft(t, first.token, first.code).expect(200);
    const b = await submitDraft(t, second.token, second.code).expect(200);
    const sequence = (number: string) => Number(number.slice(-6));
    expect(sequence(b.body.applicationNumber)).toBe(sequence(a.body.applicationNumber) + 1);
  });

  it('sends email only when no mobile is given', async () => {
    const filled = await fillDraft(t);
    const response = await submitDraft(t, filled.token, filled.code).expect(200);
    const application = await applicationModel(t.database.db)
      .findOne({ number: response.body.applicationNumber })
      .lean();
    const messages = await t.database.db.db
      ?.collection('notification_outbox')
      .find({ dedupeKey: { $regex: `^submitted:${application?._id.toString()}:` } })
      .toArray();
    expect(messages?.map((message) => message.channel)).toEqual(['email']);
  });

  it('answers a repeated submission with the same application', async () => {
    const filled = await fillDraft(t);
    const first = await submitDraft(t, filled.token, filled.code).expect(200);
    const again = await submitDraft(t, filled.token, '000000').expect(200);
    expect(again.body).toEqual(first.body);

    const edit = await putCompany(t, filled.token, companyInput()).expect(409);
    expect(edit.body.error.code).toBe('draft.submitted');
  });

  it('turns concurrent submissions of one draft into one application', async () => {
    const filled = await fillDraft(t);
    const before = await applicationModel(t.database.db).countDocuments();

    const [a, b] = await Promise.all([
      submitDraft(t, filled.token, filled.code),
      submitDraft(t, filled.token, filled.code),
    ]);

    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(a.body.applicationNumber).toBe(b.body.applicationNumber);
    expect(await applicationModel(t.database.db).countDocuments()).toBe(before + 1);
  });

  it('gives concurrent drafts distinct numbers', async () => {
    const drafts = await Promise.all([fillDraft(t), fillDraft(t), fillDraft(t), fillDraft(t)]);
    const answers = await Promise.all(
      drafts.map((filled) => submitDraft(t, filled.token, filled.code)),
    );
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200]);
    const numbers = new Set(answers.map((answer) => answer.body.applicationNumber));
    expect(numbers.size).toBe(4);
  });

  it('lets only one of two drafts with the same username submit', async () => {
    const username = `same.${uniqueSuffix()}`;
    const first = await fillDraft(t, { account: { username } });
    const second = await fillDraft(t, { account: { username: username.toUpperCase() } });

    await submitDraft(t, first.token, first.code).expect(200);
    const loser = await submitDraft(t, second.token, second.code).expect(409);
    expect(loser.body.error.code).toBe('account.conflict');
    expect(loser.body.error.message).toBe('账号/邮箱存在冲突, 请重试!');
    expect(fieldsOf(loser.body)).toEqual(['username:conflict']);
  });

  it.each([
    ['an at sign', 'Harbour@2026'],
    ['a backslash', 'Harbour\\2026'],
    ['a space', 'Harbour 2026'],
    ['a Chinese character', 'Harbour中2026'],
  ])('accepts a password whose only special character is %s', async (_case, password) => {
    const filled = await fillDraft(t);
    await submitDraft(t, filled.token, filled.code, password).expect(200);
  });

  it.each([
    ['too short', 'Ha@2026'],
    ['no upper case', 'harbour@2026'],
    ['no lower case', 'HARBOUR@2026'],
    ['no digit', 'Harbour@Wanchai'],
    ['no special character', 'Harbour2026'],
  ])('rejects a password with %s', async (_case, password) => {
    const filled = await fillDraft(t);
    const response = await submitDraft(t, filled.token, filled.code, password).expect(400);
    expect(response.body.error.code).toBe('password.weak');
    expect(fieldsOf(response.body)).toEqual(['password:weak_password']);
    // The code is still unused: the password check comes first.
    await submitDraft(t, filled.token, filled.code).expect(200);
  });

  it('rejects a confirmation that differs', async () => {
    const filled = await fillDraft(t);
    const response = await submitDraft(
      t,
      filled.token,
      filled.code,
      goodPassword,
      `${goodPassword}!`,
    ).expect(400);
    expect(response.body.error.code).toBe('password.mismatch');
    expect(fieldsOf(response.body)).toEqual(['confirmPassword:mismatch']);
  });

  it('rejects a wrong email code and keeps the draft open', async () => {
    const filled = await fillDraft(t);
    const wrong = filled.code === '123456' ? '654321' : '123456';
    const response = await submitDraft(t, filled.token, wrong).expect(400);
    expect(response.body.error.code).toBe('otp.invalid');
    await submitDraft(t, filled.token, filled.code).expect(200);
  });

  it('rejects a code sent to another address', async () => {
    const filled = await fillDraft(t);
    const otherEmail = `other.${uniqueSuffix()}@example.com`;
    const otherCode = await emailCode(t, filled.token, otherEmail);
    const response = await submitDraft(t, filled.token, otherCode).expect(400);
    expect(response.body.error.code).toBe('otp.invalid');
  });

  it('lists every missing item of an empty draft', async () => {
    const token = await startDraft(t);
    const response = await submitDraft(t, token, '123456').expect(400);
    expect(response.body.error.code).toBe('draft.incomplete');
    expect(fieldsOf(response.body)).toEqual([
      'fullName:required',
      'region:required',
      'address:required',
      'brNumber:required',
      'categories:required',
      'business_registration:missing_file',
      'employment_proof:missing_file',
      'username:required',
      'name:required',
      'department:required',
      'phone:required',
      'title:required',
      'email:required',
    ]);
    expect(response.body.error.fields[5].message).toBe('请上传商业登记证影印件。');
  });

  it('requires the business registration copy for a new company', async () => {
    const token = await startDraft(t);
    await putCompany(t, token, companyInput()).expect(200);
    await uploadFile(t, token, 'employment_proof').expect(201);
    const account = accountInput();
    await putAccount(t, token, account).expect(200);
    const code = await emailCode(t, token, account.email);

    const response = await submitDraft(t, token, code).expect(400);
    expect(fieldsOf(response.body)).toEqual(['business_registration:missing_file']);
  });

  it('requires only proof of employment to join a certified company', async () => {
    const name = `Joined Company ${uniqueSuffix()} Limited`;
    await companyModel(t.database.db).create({
      fullName: name,
      nameKey: companyNameKey(name),
      region: 'HK',
      address: '9 Queen’s Road Central',
      brNumber: '76543210',
      certifiedAt: t.clock.now(),
      sourceApplicationId: new Types.ObjectId(),
    });
    const token = await startDraft(t);
    await putCompany(t, token, companyInput({ fullName: name.toUpperCase() })).expect(200);
    const account = accountInput();
    await putAccount(t, token, account).expect(200);
    const code = await emailCode(t, token, account.email);

    const missing = await submitDraft(t, token, code).expect(400);
    expect(fieldsOf(missing.body)).toEqual(['employment_proof:missing_file']);

    await uploadFile(t, token, 'employment_proof', buildJpeg(), 'card.jpg').expect(201);
    const response = await submitDraft(t, token, code).expect(200);
    const application = await applicationModel(t.database.db)
      .findOne({ number: response.body.applicationNumber })
      .lean();
    expect(application?.type).toBe('join_company');
    expect(application?.companyId).toBeDefined();
    expect(application?.company.fullName).toBe(name);
  });

  it('requires the authorisation letter when applying for administrator', async () => {
    const filled = await fillDraft(t);
    await t.api
      .put('/api/certification/drafts/current/documents')
      .set(...draftHeader(filled.token))
      .send({ applyAdmin: true, adminAgreementAccepted: true })
      .expect(200);

    const missing = await submitDraft(t, filled.token, filled.code).expect(400);
    expect(fieldsOf(missing.body)).toEqual(['admin_authorisation:missing_file']);

    await uploadFile(t, filled.token, 'admin_authorisation').expect(201);
    const response = await submitDraft(t, filled.token, filled.code).expect(200);
    const application = await applicationModel(t.database.db)
      .findOne({ number: response.body.applicationNumber })
      .lean();
    expect(application?.applyAdmin).toBe(true);
    expect(application?.adminAgreementAcceptedAt).toBeInstanceOf(Date);
    expect(application?.files.map((file) => file.kind).sort()).toEqual([
      'admin_authorisation',
      'business_registration',
      'employment_proof',
    ]);
  });

  it('leaves out and deletes documents the final mode does not need', async () => {
    const filled = await fillDraft(t);
    await t.api
      .put('/api/certification/drafts/current/documents')
      .set(...draftHeader(filled.token))
      .send({ applyAdmin: true, adminAgreementAccepted: true })
      .expect(200);
    await uploadFile(t, filled.token, 'admin_authorisation').expect(201);
    await t.api
      .put('/api/certification/drafts/current/documents')
      .set(...draftHeader(filled.token))
      .send({ applyAdmin: false })
      .expect(200);
    const before = await countUploads(t);

    const response = await submitDraft(t, filled.token, filled.code).expect(200);
    const application = await applicationModel(t.database.db)
      .findOne({ number: response.body.applicationNumber })
      .lean();
    expect(application?.files.map((file) => file.kind).sort()).toEqual([
      'business_registration',
      'employment_proof',
    ]);
    expect((await countUploads(t)).files).toBe(before.files - 1);
  });
});
