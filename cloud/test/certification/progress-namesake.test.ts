import { applicationModel } from '../../src/modules/certification/application.model';
import {
  insertAccount,
  insertCompany,
  loginBearer,
  mailMark,
  roomyLimits,
} from '../support/accounts';
import type { BearerSession, TestAccount } from '../support/accounts';
import type { TestApp } from '../support/test-app';
import { loginStaff } from '../review/review-fixtures';
import { fillDraft, goodPassword, startWizardApp, submitDraft, uniqueSuffix } from './wizard';

/**
 * A rejected application frees its username and email. Someone who later has an
 * account of that name (made by a company admin, or approved on a new application)
 * must not see the rejected application through the progress query or the account
 * centre.
 */
describe('progress query and account centre with a reused username', () => {
  const attackerPassword = 'Attacker#2026';
  let t: TestApp;
  let reviewer: Awaited<ReturnType<typeof loginStaff>>;
  let admin: TestAccount;
  let adminSession: BearerSession;

  beforeAll(async () => {
    t = await startWizardApp({ now: new Date('2026-12-02T02:00:00Z'), env: roomyLimits });
    reviewer = await loginStaff(t);
    admin = await insertAccount(t, { companyId: (await insertCompany(t))._id, role: 'admin' });
    adminSession = await loginBearer(t, admin);
  });

  afterAll(async () => {
    await t.close();
  });

  function byPassword(username: string, password: string) {
    return t.api.post('/api/certification/progress/by-password').send({ username, password });
  }

  function decide(applicationId: string, decision: 'approve' | 'reject', reason?: string) {
    return t.api
      .post(`/api/review/applications/${applicationId}/${decision}`)
      .set(...reviewer.auth)
      .send(reason ? { reason } : {})
      .expect(200);
  }

  /** Submits an application through the wizard and decides it through the review API. */
  async function decidedApplication(decision: 'approve' | 'reject', username?: string) {
    const filled = await fillDraft(t, username ? { account: { username } } : {});
    const submitted = await submitDraft(t, filled.token, filled.code).expect(200);
    const number = submitted.body.applicationNumber as string;
    const stored = await applicationModel(t.database.db).findOne({ number }).lean();
    if (!stored) throw new Error(`application ${number} not stored`);
    t.clock.advance(61 * 1000);
    await decide(stored._id.toString(), decision, decision === 'reject' ? '资料不清晰' : undefined);
    t.clock.advance(61 * 1000);
    return { ...filled, number };
  }

  /** Creates an account in the admin's company and activates it with `password`. */
  async function adminMadeAccount(username: string, password: string) {
    const email = `other.${uniqueSuffix()}@example.com`;
    const next = mailMark(t);
    const created = await t.api
      .post('/api/company/accounts')
      .set(...adminSession.auth)
      .send({
        username,
        email,
        name: 'Lee Siu Ming',
        department: 'Settlement',
        phone: '2123 4567',
        title: 'Officer',
        permissions: ['blockchain'],
      })
      .expect(201);
    const mail = await next((message) => message.to.includes(email));
    const token = /token=([A-Za-z0-9_-]+)/u.exec(mail.text)?.[1] ?? '';
    await t.api.post('/api/auth/activate').send({ token, password }).expect(204);
    return { id: created.body.account.id as string, username, email, password };
  }

  function withoutRequestId(body: { error: Record<string, unknown> }) {
    return { ...body, error: { ...body.error, requestId: undefined } };
  }

  it('hides a rejection from an admin-made namesake', async () => {
    const victim = await decidedApplication('reject');
    const attacker = await adminMadeAccount(victim.account.username, attackerPassword);

    const response = await byPassword(victim.account.username, attackerPassword).expect(404);
    // The same answer as for the right password of an account that has no application.
    const noApplication = await byPassword(admin.username, admin.password).expect(404);
    expect(withoutRequestId(response.body)).toEqual(withoutRequestId(noApplication.body));
    expect(response.body.applicationToken).toBeUndefined();
    expect(JSON.stringify(response.body)).not.toContain(victim.number);
    const reopen = await t.api
      .post(`/api/certification/applications/${victim.number}/reopen`)
      .send({ agreementVersion: t.config.AGREEMENT_VERSION, accepted: true })
      .expect(401);
    expect(reopen.body.error.code).toBe('auth.unauthenticated');

    // The victim still finds it with the password of the application.
    const own = await byPassword(victim.account.username, goodPassword).expect(200);
    expect(own.body.applications).toEqual([
      expect.objectContaining({ number: victim.number, status: 'rejected' }),
    ]);
    await t.api
      .post(`/api/certification/applications/${victim.number}/reopen`)
      .set('X-Application-Token', own.body.applicationToken)
      .send({ agreementVersion: t.config.AGREEMENT_VERSION, accepted: true })
      .expect(201);

    // Neither does the account centre list it, even after the admin gives the account the victim's email.
    const session = await loginBearer(t, attacker);
    const lists = async (auth: [string, string]) => {
      const [applications, notifications] = await Promise.all([
        t.api
          .get('/api/account/applications')
          .set(...auth)
          .expect(200),
        t.api
          .get('/api/account/notifications')
          .set(...auth)
          .expect(200),
      ]);
      return {
        applications: applications.body.applications as unknown[],
        numbers: (notifications.body.notifications as { applicationNumber?: string }[]).map(
          (item) => item.applicationNumber,
        ),
      };
    };
    expect(await lists(session.auth)).toEqual({ applications: [], numbers: [undefined] });

    await t.api
      .patch(`/api/company/accounts/${attacker.id}`)
      .set(...adminSession.auth)
      .send({ email: victim.account.email })
      .expect(200);
    const relogged = await loginBearer(t, { ...attacker, email: victim.account.email });
    expect(await lists(relogged.auth)).toEqual({ applications: [], numbers: [undefined] });
    await byPassword(victim.account.username, attackerPassword).expect(404);
  });

  it("lists only the approved account's application", async () => {
    const victim = await decidedApplication('reject');
    const applicant = await decidedApplication('approve', victim.account.username);
    const session = await loginBearer(t, {
      username: applicant.account.username,
      password: goodPassword,
      email: applicant.account.email,
    });
    await t.api
      .post('/api/auth/password')
      .set(...session.auth)
      .send({ oldPassword: goodPassword, newPassword: attackerPassword })
      .expect(200);

    const response = await byPassword(applicant.account.username, attackerPassword).expect(200);

    expect(
      response.body.applications.map((item: { number: string; status: string }) => [
        item.number,
        item.status,
      ]),
    ).toEqual([[applicant.number, 'approved']]);
    const reopen = await t.api
      .post(`/api/certification/applications/${victim.number}/reopen`)
      .set('X-Application-Token', response.body.applicationToken)
      .send({ agreementVersion: t.config.AGREEMENT_VERSION, accepted: true })
      .expect(404);
    expect(reopen.body.error.code).toBe('application.not_found');
  });
});
