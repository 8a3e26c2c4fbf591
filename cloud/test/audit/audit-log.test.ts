import type { AuditEntryView } from '@ucz/shared';
import { auditEntryModel } from '../../src/modules/audit/audit.model';
import { startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import {
  accountPassword,
  insertAccount,
  insertCompany,
  insertStaff,
  loginBearer,
  loginStaffBearer,
  newPassword,
  roomyLimits,
} from '../support/accounts';
import type { BearerSession, TestAccount } from '../support/accounts';
import { insertApplication, insertCompany as insertReviewCompany } from '../review/review-fixtures';

interface Entry {
  action: string;
  companyId?: string;
  actor: { type: string; id?: string };
  target?: { type: string; id?: string; label?: string };
  ip?: string;
  requestId?: string;
  details?: Record<string, unknown>;
}

describe('audit log', () => {
  let t: TestApp;
  let adminA: TestAccount;
  let sessionA: BearerSession;
  let userA: TestAccount;
  let userB: TestAccount;
  let operator: BearerSession;

  beforeAll(async () => {
    t = await startTestApp({ now: new Date('2026-03-02T02:00:00Z'), env: roomyLimits });
    const companyA = await insertCompany(t);
    const companyB = await insertCompany(t);
    adminA = await insertAccount(t, { companyId: companyA._id, role: 'admin' });
    userA = await insertAccount(t, { companyId: companyA._id });
    userB = await insertAccount(t, { companyId: companyB._id });
    sessionA = await loginBearer(t, adminA);
    operator = await loginStaffBearer(t, await insertStaff(t, 'operator_admin'));

    // Company A: a failed login, a disable, an enable, a permission change.
    await t.api
      .post('/api/auth/login/code')
      .send({ username: userA.username, password: 'Wrong#Password1' })
      .expect(401);
    await t.api
      .post(`/api/company/accounts/${userA.id}/disable`)
      .set(...sessionA.auth)
      .expect(200);
    await t.api
      .post(`/api/company/accounts/${userA.id}/enable`)
      .set(...sessionA.auth)
      .expect(200);
    await t.api
      .put(`/api/company/accounts/${userA.id}/permissions`)
      .set(...sessionA.auth)
      .send({ permissions: ['cabinet'] })
      .expect(200);
    // Company B: a login and a password change.
    const sessionB = await loginBearer(t, userB);
    await t.api
      .post('/api/auth/password')
      .set(...sessionB.auth)
      .send({ oldPassword: accountPassword, newPassword })
      .expect(200);
  });

  afterAll(async () => {
    await t.close();
  });

  it('shows an admin the entries of their own company only, newest first', async () => {
    const response = await t.api
      .get('/api/company/audit')
      .set(...sessionA.auth)
      .expect(200);
    const entries = response.body.entries as Entry[];

    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((entry) => entry.companyId === adminA.companyId.toString())).toBe(true);
    expect(entries.map((entry) => entry.action)).toEqual(
      expect.arrayContaining([
        'auth.login_failed',
        'auth.code_sent',
        'auth.login_succeeded',
        'account.disabled',
        'account.enabled',
        'account.permissions_changed',
      ]),
    );
    expect(
      entries.some((entry) => entry.target?.id === userB.id || entry.actor.id === userB.id),
    ).toBe(false);
    const times = (response.body.entries as { at: string }[]).map((entry) => entry.at);
    expect([...times].sort().reverse()).toEqual(times);

    const disabled = entries.find((entry) => entry.action === 'account.disabled');
    expect(disabled).toMatchObject({
      actor: { type: 'account', id: adminA.id },
      target: { type: 'account', id: userA.id, label: userA.username },
      ip: '127.0.0.1',
      requestId: expect.any(String),
    });
  });

  it('pages and filters by action', async () => {
    const all = await t.api
      .get('/api/company/audit')
      .set(...sessionA.auth)
      .expect(200);
    const page = await t.api
      .get('/api/company/audit?limit=2&offset=1')
      .set(...sessionA.auth)
      .expect(200);

    expect(page.body.total).toBe(all.body.total);
    expect(page.body.entries).toEqual(all.body.entries.slice(1, 3));

    const filtered = await t.api
      .get('/api/company/audit?action=account.disabled')
      .set(...sessionA.auth)
      .expect(200);
    expect((filtered.body.entries as Entry[]).map((entry) => entry.action)).toEqual([
      'account.disabled',
    ]);

    await t.api
      .get('/api/company/audit?limit=0')
      .set(...sessionA.auth)
      .expect(400);
  });

  it('is closed to ordinary accounts and staff', async () => {
    const session = await loginBearer(t, await insertAccount(t, { companyId: adminA.companyId }));
    await t.api
      .get('/api/company/audit')
      .set(...session.auth)
      .expect(403);
    await t.api
      .get('/api/company/audit')
      .set(...operator.auth)
      .expect(401);
  });

  it('shows operator admins every entry, or one company', async () => {
    const all = await t.api
      .get('/api/operator/audit?limit=200')
      .set(...operator.auth)
      .expect(200);
    const actions = (all.body.entries as Entry[]).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.password_changed', 'account.disabled']));

    const companyB = await t.api
      .get(`/api/operator/audit?companyId=${userB.companyId.toString()}`)
      .set(...operator.auth)
      .expect(200);
    expect(
      (companyB.body.entries as Entry[]).every(
        (entry) => entry.companyId === userB.companyId.toString(),
      ),
    ).toBe(true);
    expect((companyB.body.entries as Entry[]).map((entry) => entry.action)).toContain(
      'auth.password_changed',
    );

    const reviewer = await loginStaffBearer(t, await insertStaff(t, 'reviewer'));
    await t.api
      .get('/api/operator/audit')
      .set(...reviewer.auth)
      .expect(403);
  });

  it('records review decisions with the reviewer, application and company', async () => {
    const reviewer = await insertStaff(t, 'reviewer');
    const session = await loginStaffBearer(t, reviewer);
    const company = await insertReviewCompany(t);
    const joining = await insertApplication(t, { type: 'join_company', companyId: company._id });
    const rejected = await insertApplication(t, { type: 'join_company', companyId: company._id });

    const approval = await t.api
      .post(`/api/review/applications/${joining._id.toString()}/approve`)
      .set(...session.auth)
      .expect(200);
    await t.api
      .post(`/api/review/applications/${rejected._id.toString()}/reject`)
      .set(...session.auth)
      .send({ reason: '工作证明材料不清晰' })
      .expect(200);

    const entries = await auditEntryModel(t.database.db)
      .find({ action: { $in: ['review.approved', 'review.rejected'] }, 'actor.id': reviewer.id })
      .lean();
    const approved = entries.find((entry) => entry.action === 'review.approved');
    const rejection = entries.find((entry) => entry.action === 'review.rejected');
    expect(approved).toMatchObject({
      target: { type: 'application', id: joining._id.toString(), label: joining.number },
      details: { accountId: approval.body.accountId, role: 'user' },
      ip: '127.0.0.1',
    });
    expect(approved?.companyId?.toString()).toBe(company._id.toString());
    expect(rejection).toMatchObject({
      target: { type: 'application', id: rejected._id.toString() },
      details: { reason: '工作证明材料不清晰' },
    });
    expect(rejection?.requestId).toEqual(expect.any(String));
  });

  it('names reviewers, accounts and the system as actors in one query each', async () => {
    const company = await insertReviewCompany(t);
    const admin = await insertAccount(t, { companyId: company._id, role: 'admin' });
    const adminSession = await loginBearer(t, admin);
    const reviewers = [await insertStaff(t, 'reviewer'), await insertStaff(t, 'reviewer')];
    for (const reviewer of reviewers) {
      const session = await loginStaffBearer(t, reviewer);
      const application = await insertApplication(t, {
        type: 'join_company',
        companyId: company._id,
      });
      await t.api
        .post(`/api/review/applications/${application._id.toString()}/reject`)
        .set(...session.auth)
        .send({ reason: '工作证明材料不清晰' })
        .expect(200);
    }
    await t.services.audit.record({
      action: 'auth.account_locked',
      actor: { type: 'system' },
      companyId: company._id,
    });

    const queried: string[] = [];
    t.database.db.set('debug', (collection: string, method: string) => {
      queried.push(`${collection}.${method}`);
    });
    const response = await t.api
      .get('/api/company/audit')
      .set(...adminSession.auth)
      .expect(200);
    t.database.db.set('debug', false);
    const entries = response.body.entries as AuditEntryView[];

    const rejections = entries.filter((entry) => entry.action === 'review.rejected');
    expect(rejections.map((entry) => entry.actor)).toEqual(
      expect.arrayContaining(
        reviewers.map((reviewer) => ({
          type: 'staff',
          name: reviewer.name,
          staffRole: 'reviewer',
        })),
      ),
    );
    // The company view shows staff by name and role only: no staff id, no staff address.
    for (const rejection of rejections) {
      expect(rejection.actor.id).toBeUndefined();
      expect(rejection.ip).toBeUndefined();
    }
    const login = entries.find((entry) => entry.action === 'auth.login_succeeded');
    expect(login?.actor).toMatchObject({ type: 'account', id: admin.id, name: admin.username });
    expect(login?.ip).toEqual(expect.any(String));
    const locked = entries.find((entry) => entry.action === 'auth.account_locked');
    expect(locked?.actor).toEqual({ type: 'system' });
    expect(queried.filter((query) => query === 'staff.find')).toHaveLength(1);
    expect(queried.filter((query) => query === 'accounts.find')).toHaveLength(1);
  });

  it('never stores a password, code or token', async () => {
    const stored = JSON.stringify(await auditEntryModel(t.database.db).find().lean());
    for (const secret of [
      accountPassword,
      newPassword,
      'Wrong#Password1',
      sessionA.accessToken,
      sessionA.refreshToken,
    ]) {
      expect(stored).not.toContain(secret);
    }
    expect(stored).not.toMatch(/"(password|code|token|refreshToken|accessToken)"/u);
  });

  it('drops secret-looking details when a caller passes them', async () => {
    await t.services.audit.record({
      action: 'auth.code_sent',
      actor: { type: 'system' },
      details: { code: '123456', refreshToken: 'abc', passwordHash: 'x', channel: 'email' },
    });
    const entry = await auditEntryModel(t.database.db)
      .findOne({ 'actor.type': 'system', action: 'auth.code_sent' })
      .lean();
    expect(entry?.details).toEqual({ channel: 'email' });
  });
});
