import { Types } from 'mongoose';
import { accountModel } from '../../src/modules/accounts/account.model';
import { companyModel } from '../../src/modules/accounts/company.model';
import { applicationModel } from '../../src/modules/certification/application.model';
import { outboxMessageModel } from '../../src/modules/notifications/outbox.model';
import { createApprovalService } from '../../src/modules/review/approval.service';
import type { ApprovalStep } from '../../src/modules/review/approval.service';
import { startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { applicantPassword, insertApplication, insertCompany, loginStaff } from './review-fixtures';

class SimulatedCrash extends Error {}

describe('approval', () => {
  let t: TestApp;
  let reviewer: Awaited<ReturnType<typeof loginStaff>>;

  beforeAll(async () => {
    t = await startTestApp({ now: new Date('2026-03-04T02:00:00Z') });
    reviewer = await loginStaff(t);
  });

  afterAll(async () => {
    await t.close();
  });

  const db = () => t.database.db;

  function approve(id: Types.ObjectId | string) {
    return t.api.post(`/api/review/applications/${id.toString()}/approve`).set(...reviewer.auth);
  }

  async function countsFor(applicationId: Types.ObjectId) {
    const application = await applicationModel(db()).findById(applicationId).lean();
    return {
      status: application?.status,
      companies: await companyModel(db()).countDocuments({ sourceApplicationId: applicationId }),
      accounts: await accountModel(db()).countDocuments({ sourceApplicationId: applicationId }),
      messages: await outboxMessageModel(db()).countDocuments({
        dedupeKey: { $regex: `^application:${applicationId.toString()}:` },
      }),
      approvedEntries: application?.history.filter((entry) => entry.event === 'approved').length,
    };
  }

  it('certifies a new company and creates its admin account', async () => {
    const application = await insertApplication(t, {
      applyAdmin: true,
      mobile: '+85291234567',
      locale: 'zh-HK',
    });

    const response = await approve(application._id).expect(200);

    expect(response.body).toMatchObject({
      applicationId: application._id.toString(),
      number: application.number,
      status: 'approved',
      companyCreated: true,
      role: 'admin',
      decidedAt: t.clock.now().toISOString(),
    });
    const company = await companyModel(db()).findById(response.body.companyId).lean();
    expect(company).toMatchObject({
      fullName: application.company.fullName,
      nameKey: application.company.nameKey,
      region: 'HK',
      brNumber: '12345678',
      address: '1 Harbour Road, Wan Chai, Hong Kong',
      status: 'certified',
      categories: ['szse_trading_settlement', 'blockchain'],
    });
    expect(company?.sourceApplicationId?.equals(application._id)).toBe(true);

    const account = await accountModel(db()).findById(response.body.accountId).lean();
    expect(account).toMatchObject({
      username: application.account.username,
      usernameKey: application.account.usernameKey,
      email: application.account.email,
      emailKey: application.account.emailKey,
      name: 'Chan Tai Man',
      mobile: '+85291234567',
      role: 'admin',
      status: 'active',
      permissions: ['szse_trading_settlement', 'blockchain'],
      locale: 'zh-HK',
      passwordHash: application.passwordHash,
    });
    expect(account?.companyId.equals(company?._id)).toBe(true);
    expect(
      await t.services.passwordHasher.verify(account?.passwordHash ?? '', applicantPassword),
    ).toBe(true);

    const stored = await applicationModel(db()).findById(application._id).lean();
    expect(stored?.status).toBe('approved');
    expect(stored?.history.at(-1)).toMatchObject({ event: 'approved' });
    expect(stored?.history.at(-1)?.actorId?.toString()).toBe(reviewer.id);

    const messages = await outboxMessageModel(db())
      .find({ dedupeKey: { $regex: `^application:${application._id.toString()}:` } })
      .sort({ channel: 1 })
      .lean();
    expect(
      messages.map((message) => [message.channel, message.to, message.template, message.locale]),
    ).toEqual([
      ['email', application.account.email, 'application_approved', 'zh-HK'],
      ['sms', '+85291234567', 'application_approved', 'zh-HK'],
    ]);
    expect(messages[0]?.params).toMatchObject({
      applicationNumber: application.number,
      companyName: application.company.fullName,
      name: 'Chan Tai Man',
      username: application.account.username,
    });
  });

  it('adds the person to the company a join application names', async () => {
    const company = await insertCompany(t);
    const companiesBefore = await companyModel(db()).countDocuments();
    const application = await insertApplication(t, {
      type: 'join_company',
      companyId: company._id,
      companyName: company.fullName,
    });

    const response = await approve(application._id).expect(200);

    expect(response.body).toMatchObject({
      companyId: company._id.toString(),
      companyCreated: false,
      role: 'user',
    });
    expect(await companyModel(db()).countDocuments()).toBe(companiesBefore);
    const account = await accountModel(db()).findById(response.body.accountId).lean();
    expect(account?.companyId.equals(company._id)).toBe(true);
    expect(account?.role).toBe('user');
    // No mobile: email only.
    expect((await countsFor(application._id)).messages).toBe(1);
  });

  it('joins a company with the same name certified after submission', async () => {
    const application = await insertApplication(t, { applyAdmin: true });
    const sameName = await insertCompany(t, `  ${application.company.fullName?.toUpperCase()} `);

    const response = await approve(application._id).expect(200);

    expect(response.body).toMatchObject({
      companyId: sameName._id.toString(),
      companyCreated: false,
      role: 'admin',
    });
    expect(await companyModel(db()).countDocuments({ nameKey: application.company.nameKey })).toBe(
      1,
    );
  });

  it('returns the same result when approved twice', async () => {
    const application = await insertApplication(t);

    const first = await approve(application._id).expect(200);
    t.clock.advance(60_000);
    const second = await approve(application._id).expect(200);

    expect(second.body).toEqual(first.body);
    expect(await countsFor(application._id)).toEqual({
      status: 'approved',
      companies: 1,
      accounts: 1,
      messages: 1,
      approvedEntries: 1,
    });
  });

  it('gives one result to concurrent approvals', async () => {
    const application = await insertApplication(t, { mobile: '+85291234568' });

    const responses = await Promise.all([
      approve(application._id),
      approve(application._id),
      approve(application._id),
    ]);

    for (const response of responses) expect(response.status).toBe(200);
    const accountIds = new Set(responses.map((response) => response.body.accountId));
    expect(accountIds.size).toBe(1);
    const counts = await countsFor(application._id);
    expect(counts).toMatchObject({ status: 'approved', companies: 1, accounts: 1, messages: 2 });
  });

  it.each<ApprovalStep>(['claimed', 'company', 'account', 'notifications'])(
    'finishes an approval that stopped after step %s',
    async (failingStep) => {
      const application = await insertApplication(t, { applyAdmin: true, mobile: '+85291234569' });
      const crashing = createApprovalService({
        db: db(),
        clock: t.clock,
        outbox: t.services.outbox,
        logger: t.deps.logger,
        afterStep: (step) => {
          if (step === failingStep) throw new SimulatedCrash(`stopped after ${step}`);
        },
      });

      await expect(crashing.approve(application._id.toString(), reviewer.id)).rejects.toThrow(
        SimulatedCrash,
      );
      expect((await countsFor(application._id)).status).toBe('approving');

      const response = await approve(application._id).expect(200);

      expect(response.body).toMatchObject({
        status: 'approved',
        companyCreated: true,
        role: 'admin',
      });
      expect(await countsFor(application._id)).toEqual({
        status: 'approved',
        companies: 1,
        accounts: 1,
        messages: 2,
        approvedEntries: 1,
      });
      const account = await accountModel(db())
        .findOne({ sourceApplicationId: application._id })
        .lean();
      expect(account?._id.toString()).toBe(response.body.accountId);
    },
  );

  it('joins a same-name company certified while the approval was stopped', async () => {
    const application = await insertApplication(t);
    const crashing = createApprovalService({
      db: db(),
      clock: t.clock,
      outbox: t.services.outbox,
      logger: t.deps.logger,
      afterStep: (step) => {
        if (step === 'claimed') throw new SimulatedCrash('stopped after claim');
      },
    });
    await expect(crashing.approve(application._id.toString(), reviewer.id)).rejects.toThrow(
      SimulatedCrash,
    );
    const plannedCompanyId = (await applicationModel(db()).findById(application._id).lean())
      ?.approval?.companyId;
    const sameName = await insertCompany(t, application.company.fullName ?? '');

    const response = await approve(application._id).expect(200);

    expect(plannedCompanyId?.equals(sameName._id)).toBe(false);
    expect(response.body).toMatchObject({
      companyId: sameName._id.toString(),
      companyCreated: false,
    });
    const account = await accountModel(db()).findById(response.body.accountId).lean();
    expect(account?.companyId.equals(sameName._id)).toBe(true);
    const stored = await applicationModel(db()).findById(application._id).lean();
    expect(stored?.approval?.companyId.equals(sameName._id)).toBe(true);
  });

  it('answers already_decided for a rejected application', async () => {
    const application = await insertApplication(t);
    await t.api
      .post(`/api/review/applications/${application._id.toString()}/reject`)
      .set(...reviewer.auth)
      .send({ reason: '资料不清晰' })
      .expect(200);

    const response = await approve(application._id).expect(409);

    expect(response.body.error.code).toBe('application.already_decided');
    expect(await accountModel(db()).countDocuments({ sourceApplicationId: application._id })).toBe(
      0,
    );
  });

  it('stops with account.conflict when the username belongs to an account', async () => {
    const first = await insertApplication(t);
    await approve(first._id).expect(200);
    const second = await insertApplication(t, { username: first.account.username ?? '' });

    const response = await approve(second._id).expect(409);

    expect(response.body.error.code).toBe('account.conflict');
    expect(await accountModel(db()).countDocuments({ sourceApplicationId: second._id })).toBe(0);
  });

  it('answers 404 for an unknown application', async () => {
    const response = await approve(new Types.ObjectId()).expect(404);
    expect(response.body.error.code).toBe('application.not_found');
  });
});
