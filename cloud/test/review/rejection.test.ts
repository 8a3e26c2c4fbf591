import { Types } from 'mongoose';
import { accountClaimModel } from '../../src/modules/certification/account-claim.model';
import { applicationModel } from '../../src/modules/certification/application.model';
import { outboxMessageModel } from '../../src/modules/notifications/outbox.model';
import { startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { insertApplication, loginStaff } from './review-fixtures';

describe('rejection', () => {
  let t: TestApp;
  let reviewer: Awaited<ReturnType<typeof loginStaff>>;

  beforeAll(async () => {
    t = await startTestApp({ now: new Date('2026-03-04T02:00:00Z') });
    reviewer = await loginStaff(t);
  });

  afterAll(async () => {
    await t.close();
  });

  function reject(id: Types.ObjectId | string, body: object, language = 'zh-CN') {
    return t.api
      .post(`/api/review/applications/${id.toString()}/reject`)
      .set(...reviewer.auth)
      .set('Accept-Language', language)
      .send(body);
  }

  it.each([
    ['no reason', {}],
    ['an empty reason', { reason: '' }],
    ['a reason of spaces', { reason: '   ' }],
  ])('answers review.reason_required for %s', async (_case, body) => {
    const application = await insertApplication(t);

    const response = await reject(application._id, body).expect(400);

    expect(response.body.error.code).toBe('review.reason_required');
    expect(response.body.error.message).toBe('驳回时请填写驳回原因。');
    expect(response.body.error.fields).toEqual([
      { field: 'reason', code: 'required', message: '请填写驳回原因。' },
    ]);
    expect((await applicationModel(t.database.db).findById(application._id).lean())?.status).toBe(
      'pending',
    );
  });

  it('answers in the reviewer language', async () => {
    const application = await insertApplication(t);
    const response = await reject(application._id, {}, 'en').expect(400);
    expect(response.body.error.message).toBe('Please give a reason for the rejection.');
  });

  it('refuses a reason over 500 characters', async () => {
    const application = await insertApplication(t);
    const response = await reject(application._id, { reason: '很'.repeat(501) }).expect(400);
    expect(response.body.error.fields).toEqual([
      expect.objectContaining({ field: 'reason', code: 'too_long' }),
    ]);

    await reject(application._id, { reason: '很'.repeat(500) }).expect(200);
  });

  it('rejects, releases the claims and notifies in the applicant language', async () => {
    const application = await insertApplication(t, {
      withClaims: true,
      locale: 'en',
      mobile: '+85291234567',
    });
    const other = await insertApplication(t, { withClaims: true });
    const reason = '  商业登记证影印件不清晰，请重新上传。 ';

    const response = await reject(application._id, { reason }).expect(200);

    expect(response.body).toEqual({
      applicationId: application._id.toString(),
      number: application.number,
      status: 'rejected',
      reason: '商业登记证影印件不清晰，请重新上传。',
      decidedAt: t.clock.now().toISOString(),
    });
    const stored = await applicationModel(t.database.db).findById(application._id).lean();
    expect(stored).toMatchObject({
      status: 'rejected',
      rejectReason: '商业登记证影印件不清晰，请重新上传。',
    });
    expect(stored?.history.at(-1)).toMatchObject({
      event: 'rejected',
      reason: '商业登记证影印件不清晰，请重新上传。',
    });
    expect(stored?.history.at(-1)?.actorId?.toString()).toBe(reviewer.id);

    const claims = accountClaimModel(t.database.db);
    expect(await claims.countDocuments({ applicationId: application._id })).toBe(0);
    expect(await claims.countDocuments({ applicationId: other._id })).toBe(2);

    const messages = await outboxMessageModel(t.database.db)
      .find({ dedupeKey: { $regex: `^application:${application._id.toString()}:` } })
      .sort({ channel: 1 })
      .lean();
    expect(messages.map((message) => [message.channel, message.template, message.locale])).toEqual([
      ['email', 'application_rejected', 'en'],
      ['sms', 'application_rejected', 'en'],
    ]);
    expect(messages[0]?.to).toBe(application.account.email);
    expect(messages[0]?.params).toMatchObject({
      applicationNumber: application.number,
      reason: '商业登记证影印件不清晰，请重新上传。',
    });
  });

  it('keeps a claim that another application holds', async () => {
    const application = await insertApplication(t);
    const claims = accountClaimModel(t.database.db);
    const holder = new Types.ObjectId();
    await claims.create({
      _id: `username:${application.account.usernameKey}`,
      applicationId: holder,
      claimedAt: t.clock.now(),
    });

    await reject(application._id, { reason: '重复申请' }).expect(200);

    expect(await claims.countDocuments({ applicationId: holder })).toBe(1);
  });

  it('returns the stored result when rejected again', async () => {
    const application = await insertApplication(t);
    const first = await reject(application._id, { reason: '第一次' }).expect(200);
    t.clock.advance(60_000);

    const second = await reject(application._id, { reason: '第二次' }).expect(200);

    expect(second.body).toEqual(first.body);
    const stored = await applicationModel(t.database.db).findById(application._id).lean();
    expect(stored?.history.filter((entry) => entry.event === 'rejected')).toHaveLength(1);
    const messages = await outboxMessageModel(t.database.db).countDocuments({
      dedupeKey: { $regex: `^application:${application._id.toString()}:` },
    });
    expect(messages).toBe(1);
  });

  it('answers already_decided for an approved application', async () => {
    const application = await insertApplication(t);
    await t.api
      .post(`/api/review/applications/${application._id.toString()}/approve`)
      .set(...reviewer.auth)
      .expect(200);

    const response = await reject(application._id, { reason: '太迟了' }).expect(409);

    expect(response.body.error.code).toBe('application.already_decided');
    expect((await applicationModel(t.database.db).findById(application._id).lean())?.status).toBe(
      'approved',
    );
  });

  it('lets only one of a concurrent approve and reject win', async () => {
    const application = await insertApplication(t);

    const [approved, rejected] = await Promise.all([
      t.api
        .post(`/api/review/applications/${application._id.toString()}/approve`)
        .set(...reviewer.auth),
      reject(application._id, { reason: '并发' }),
    ]);

    const statuses = [approved.status, rejected.status].sort();
    expect(statuses).toEqual([200, 409]);
    const stored = await applicationModel(t.database.db).findById(application._id).lean();
    expect(stored?.status).toBe(approved.status === 200 ? 'approved' : 'rejected');
  });

  it('answers 404 for an unknown application', async () => {
    const response = await reject(new Types.ObjectId(), { reason: '不存在' }).expect(404);
    expect(response.body.error.code).toBe('application.not_found');
  });
});
