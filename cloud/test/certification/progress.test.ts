import { performance } from 'node:perf_hooks';
import { accountClaimModel } from '../../src/modules/certification/account-claim.model';
import { applicationModel } from '../../src/modules/certification/application.model';
import type { TestApp } from '../support/test-app';
import {
  codeIn,
  countUploads,
  draftHeader,
  emailCode,
  fillDraft,
  goodPassword,
  putAccount,
  startWizardApp,
  submitDraft,
  uniqueSuffix,
  uploadFile,
} from './wizard';
import type { FilledDraft } from './wizard';

describe('certification progress query', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startWizardApp({ now: new Date('2026-12-02T02:00:00Z') });
  });

  afterAll(async () => {
    await t.close();
  });

  async function submitted(): Promise<FilledDraft & { number: string }> {
    const filled = await fillDraft(t);
    const response = await submitDraft(t, filled.token, filled.code).expect(200);
    return { ...filled, number: response.body.applicationNumber as string };
  }

  /** Rejects an application directly in the database, as the review module would. */
  async function reject(number: string, reason: string): Promise<void> {
    const Applications = applicationModel(t.database.db);
    const application = await Applications.findOne({ number }).lean();
    const at = t.clock.now();
    await Applications.updateOne(
      { number },
      {
        $set: { status: 'rejected', rejectReason: reason, decidedAt: at },
        $push: { history: { at, event: 'rejected', reason } },
      },
    );
    await accountClaimModel(t.database.db).deleteMany({ applicationId: application?._id });
  }

  function byPassword(username: string, password: string) {
    return t.api.post('/api/certification/progress/by-password').send({ username, password });
  }

  it('finds applications by username and password', async () => {
    const application = await submitted();
    const response = await byPassword(
      ` ${application.account.username.toUpperCase()} `,
      goodPassword,
    ).expect(200);

    expect(response.body.applicationToken).toMatch(/^[A-Za-z0-9_-]{43}$/u);
    expect(response.body.expiresInSeconds).toBe(30 * 60);
    expect(response.body.applications).toEqual([
      {
        number: application.number,
        status: 'pending',
        type: 'new_company',
        companyName: application.company.fullName,
        username: application.account.username,
        submittedAt: '2026-12-02T02:00:00.000Z',
        deadline: '2026-12-07T15:59:59.999Z',
        revision: 1,
        history: [{ at: '2026-12-02T02:00:00.000Z', event: 'submitted' }],
      },
    ]);

    const listed = await t.api
      .get('/api/certification/progress/applications')
      .set('X-Application-Token', response.body.applicationToken)
      .expect(200);
    expect(listed.body.applications).toEqual(response.body.applications);
  });

  it('answers an unknown name and a wrong password alike', async () => {
    const application = await submitted();
    const timed = async (username: string) => {
      const started = performance.now();
      const response = await byPassword(username, 'Wrong#Password1');
      return { response, ms: performance.now() - started };
    };
    const wrong = await timed(application.account.username);
    const unknown = await timed(`nobody.${uniqueSuffix()}`);

    expect(wrong.response.status).toBe(401);
    expect(unknown.response.status).toBe(401);
    expect(unknown.response.body.error.code).toBe('auth.invalid_credentials');
    expect({ ...unknown.response.body.error, requestId: undefined }).toEqual({
      ...wrong.response.body.error,
      requestId: undefined,
    });
    // Both paths run one Argon2 verification; a skipped hash would respond many times faster.
    expect(unknown.ms).toBeGreaterThan(wrong.ms / 5);
  });

  it('locks a name after five wrong passwords, known or not', async () => {
    const application = await submitted();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await byPassword(application.account.username, 'Wrong#Password1').expect(401);
    }
    const locked = await byPassword(application.account.username, goodPassword).expect(429);
    expect(locked.body.error.code).toBe('request.rate_limited');
    expect(locked.headers['retry-after']).toBe('900');

    const unknown = `nobody.${uniqueSuffix()}`;
    for (let attempt = 0; attempt < 5; attempt += 1)
      await byPassword(unknown, 'Wrong#Password1').expect(401);
    await byPassword(unknown, 'Wrong#Password1').expect(429);

    t.clock.advance(15 * 60 * 1000 + 1000);
    await byPassword(application.account.username, goodPassword).expect(200);
  });

  it('finds applications by email and code', async () => {
    const application = await submitted();
    const email = application.account.email;
    // The certification code went to the same address a moment ago.
    t.clock.advance(61 * 1000);
    const sentAfter = Date.now();
    const sent = await t.api
      .post('/api/certification/progress/email-code')
      .send({ email: ` ${email.toUpperCase()} ` })
      .expect(200);
    expect(sent.body).toEqual({ resendAfterSeconds: 60, expiresInSeconds: 300 });
    const mail = await t.mail.waitFor(
      (message) =>
        message.to.includes(email.toLowerCase()) &&
        message.receivedAt.getTime() >= sentAfter - 1000,
    );

    const response = await t.api
      .post('/api/certification/progress/by-email')
      .send({ email, code: codeIn(mail.text) })
      .expect(200);
    expect(response.body.applications.map((entry: { number: string }) => entry.number)).toEqual([
      application.number,
    ]);
  });

  it('does not reveal whether an email applied', async () => {
    const unknown = `stranger.${uniqueSuffix()}@example.com`;
    const mailsBefore = t.mail.messages().length;
    const response = await t.api
      .post('/api/certification/progress/email-code')
      .send({ email: unknown })
      .expect(200);

    expect(response.body).toEqual({ resendAfterSeconds: 60, expiresInSeconds: 300 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(t.mail.messages().length).toBe(mailsBefore);
    const guessed = await t.api
      .post('/api/certification/progress/by-email')
      .send({ email: unknown, code: '123456' })
      .expect(400);
    expect(guessed.body.error.code).toBe('otp.invalid');

    // A second request inside the resend interval is limited like one for a real address.
    const again = await t.api
      .post('/api/certification/progress/email-code')
      .send({ email: unknown })
      .expect(429);
    expect(again.body.error.code).toBe('otp.resend_too_soon');
  });

  it('does not accept the certification code for the progress query', async () => {
    const filled = await fillDraft(t);
    await submitDraft(t, filled.token, filled.code).expect(200);
    const otherCode = await emailCode(
      t,
      (await fillDraft(t)).token,
      `x.${uniqueSuffix()}@example.com`,
    );
    const response = await t.api
      .post('/api/certification/progress/by-email')
      .send({ email: filled.account.email, code: otherCode })
      .expect(400);
    expect(response.body.error.code).toBe('otp.invalid');
  });

  it('rejects a missing or expired application token', async () => {
    await t.api.get('/api/certification/progress/applications').expect(401);
    const application = await submitted();
    const response = await byPassword(application.account.username, goodPassword).expect(200);
    t.clock.advance(31 * 60 * 1000);
    const expired = await t.api
      .get('/api/certification/progress/applications')
      .set('X-Application-Token', response.body.applicationToken)
      .expect(401);
    expect(expired.body.error.code).toBe('auth.unauthenticated');
  });

  it('reopens only a rejected application', async () => {
    const application = await submitted();
    const query = await byPassword(application.account.username, goodPassword).expect(200);
    const response = await t.api
      .post(`/api/certification/applications/${application.number}/reopen`)
      .set('X-Application-Token', query.body.applicationToken)
      .send({ agreementVersion: t.config.AGREEMENT_VERSION, accepted: true })
      .expect(409);
    expect(response.body.error.code).toBe('application.not_resubmittable');
  });

  it('reopens only applications of the token', async () => {
    const mine = await submitted();
    const theirs = await submitted();
    await reject(theirs.number, '资料不清晰');
    const query = await byPassword(mine.account.username, goodPassword).expect(200);
    const response = await t.api
      .post(`/api/certification/applications/${theirs.number}/reopen`)
      .set('X-Application-Token', query.body.applicationToken)
      .send({ agreementVersion: t.config.AGREEMENT_VERSION, accepted: true })
      .expect(404);
    expect(response.body.error.code).toBe('application.not_found');
  });

  it('resubmits a rejected application and keeps its history', async () => {
    const application = await submitted();
    t.clock.advance(24 * 60 * 60 * 1000);
    await reject(application.number, '商业登记证影印件不清晰，请重新上传。');

    const query = await byPassword(application.account.username, goodPassword).expect(200);
    expect(query.body.applications[0]).toMatchObject({
      status: 'rejected',
      rejectReason: '商业登记证影印件不清晰，请重新上传。',
    });

    const reopened = await t.api
      .post(`/api/certification/applications/${application.number}/reopen`)
      .set('X-Application-Token', query.body.applicationToken)
      .send({ agreementVersion: t.config.AGREEMENT_VERSION, accepted: true })
      .expect(201);
    const token = reopened.body.draftToken as string;
    expect(reopened.body.draft).toMatchObject({
      status: 'open',
      mode: 'new_company',
      company: { fullName: application.company.fullName },
      account: { username: application.account.username, email: application.account.email },
      steps: { company: true, documents: true, account: true },
      application: { number: application.number, status: 'rejected' },
    });
    const oldFile = reopened.body.draft.files.find(
      (file: { kind: string }) => file.kind === 'business_registration',
    );

    // Replace the unclear copy: the rejected application keeps showing the old one until resubmission.
    const uploadsBefore = await countUploads(t);
    await t.api
      .delete(`/api/certification/drafts/current/files/${oldFile.id}`)
      .set(...draftHeader(token))
      .expect(200);
    expect((await countUploads(t)).files).toBe(uploadsBefore.files);
    await uploadFile(t, token, 'business_registration').expect(201);
    await putAccount(t, token, { ...application.account, title: 'Director' }).expect(200);
    t.clock.advance(60 * 60 * 1000);
    const code = await emailCode(t, token, application.account.email);
    const resubmittedAt = t.clock.now();
    const response = await submitDraft(t, token, code, 'Corrected#2026').expect(200);
    expect(response.body.applicationNumber).toBe(application.number);
    expect(response.body.status).toBe('pending');
    expect(response.body.submittedAt).toBe(resubmittedAt.toISOString());
    expect(response.body.deadline).toBe(
      t.services.review.calendar.deadlineFor(resubmittedAt).toISOString(),
    );

    const stored = await applicationModel(t.database.db)
      .findOne({ number: application.number })
      .lean();
    expect(stored).toMatchObject({
      status: 'pending',
      revision: 2,
      account: { title: 'Director' },
    });
    expect(stored?.rejectReason).toBeUndefined();
    expect(stored?.history.map((entry) => entry.event)).toEqual([
      'submitted',
      'rejected',
      'resubmitted',
    ]);
    expect(stored?.history[1]?.reason).toBe('商业登记证影印件不清晰，请重新上传。');
    expect(stored?.files.some((file) => file.fileId.toString() === oldFile.id)).toBe(false);
    expect((await countUploads(t)).files).toBe(uploadsBefore.files);

    const claims = await accountClaimModel(t.database.db)
      .find({ applicationId: stored?._id })
      .lean();
    expect(claims).toHaveLength(2);
    const messages = await t.database.db.db
      ?.collection('notification_outbox')
      .find({ dedupeKey: `submitted:${stored?._id.toString()}:2:email` })
      .toArray();
    expect(messages).toHaveLength(1);

    await byPassword(application.account.username, goodPassword).expect(401);
    const after = await byPassword(application.account.username, 'Corrected#2026').expect(200);
    expect(
      after.body.applications[0].history.map((entry: { event: string }) => entry.event),
    ).toEqual(['submitted', 'rejected', 'resubmitted']);
  });

  it('refuses a second resubmission from another reopened draft', async () => {
    const application = await submitted();
    await reject(application.number, '请补充工作证明材料。');
    t.clock.advance(61 * 1000);
    const query = await byPassword(application.account.username, goodPassword).expect(200);
    const reopen = () =>
      t.api
        .post(`/api/certification/applications/${application.number}/reopen`)
        .set('X-Application-Token', query.body.applicationToken)
        .send({ agreementVersion: t.config.AGREEMENT_VERSION, accepted: true })
        .expect(201);
    const first = (await reopen()).body.draftToken as string;
    const second = (await reopen()).body.draftToken as string;

    const code = await emailCode(t, first, application.account.email);
    await submitDraft(t, first, code).expect(200);
    t.clock.advance(61 * 1000);
    const secondCode = await emailCode(t, second, application.account.email);
    const response = await submitDraft(t, second, secondCode).expect(409);
    expect(response.body.error.code).toBe('application.not_resubmittable');
  });

  it('refuses a resubmission when the username was taken meanwhile', async () => {
    const application = await submitted();
    await reject(application.number, '请使用公司邮箱。');
    t.clock.advance(61 * 1000);
    const query = await byPassword(application.account.username, goodPassword).expect(200);
    const reopened = await t.api
      .post(`/api/certification/applications/${application.number}/reopen`)
      .set('X-Application-Token', query.body.applicationToken)
      .send({ agreementVersion: t.config.AGREEMENT_VERSION, accepted: true })
      .expect(201);
    const token = reopened.body.draftToken as string;
    const code = await emailCode(t, token, application.account.email);

    // Another applicant takes the freed username before the correction is sent.
    const rival = await fillDraft(t, {
      account: { username: application.account.username.toUpperCase() },
    });
    await submitDraft(t, rival.token, rival.code).expect(200);

    const response = await submitDraft(t, token, code).expect(409);
    expect(response.body.error.code).toBe('account.conflict');
    const stored = await applicationModel(t.database.db)
      .findOne({ number: application.number })
      .lean();
    expect(stored?.status).toBe('rejected');
  });
});
