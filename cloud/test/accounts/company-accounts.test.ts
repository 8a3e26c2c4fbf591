import { normaliseEmail } from '@ucz/shared';
import { accountModel } from '../../src/modules/accounts/account.model';
import { activationTokenModel } from '../../src/modules/accounts/activation-token.model';
import { auditEntryModel } from '../../src/modules/audit/audit.model';
import { startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import {
  accountPassword,
  insertAccount,
  insertCompany,
  loginBearer,
  mailMark,
  newPassword,
  requestEmailCode,
  roomyLimits,
} from '../support/accounts';
import type { BearerSession, TestAccount } from '../support/accounts';
import { insertApplication } from '../review/review-fixtures';

function linkTokenIn(text: string): string {
  const match = /\/activate\?token=([A-Za-z0-9_-]+)/u.exec(text);
  if (!match?.[1]) throw new Error(`no activation link in message: ${text}`);
  return match[1];
}

const newAccount = {
  name: 'Lee Siu Ming',
  department: 'Settlement',
  phone: '2123 4567',
  title: 'Officer',
  permissions: ['blockchain', 'cabinet'],
};

describe('company admin console', () => {
  let t: TestApp;
  let admin: TestAccount;
  let adminSession: BearerSession;
  let user: TestAccount;
  let otherAdmin: TestAccount;
  let otherUser: TestAccount;

  beforeAll(async () => {
    t = await startTestApp({ now: new Date('2026-03-02T02:00:00Z'), env: roomyLimits });
    const companyA = await insertCompany(t);
    const companyB = await insertCompany(t);
    admin = await insertAccount(t, { companyId: companyA._id, role: 'admin' });
    user = await insertAccount(t, { companyId: companyA._id });
    otherAdmin = await insertAccount(t, { companyId: companyB._id, role: 'admin' });
    otherUser = await insertAccount(t, { companyId: companyB._id });
    adminSession = await loginBearer(t, admin);
  });

  afterAll(async () => {
    await t.close();
  });

  // Tests move the clock past the access token's lifetime; the admin refreshes like a client would.
  beforeEach(async () => {
    const response = await t.api
      .post('/api/auth/refresh')
      .send({ refreshToken: adminSession.refreshToken })
      .expect(200);
    const accessToken = response.body.session.accessToken as string;
    adminSession = {
      ...adminSession,
      accessToken,
      refreshToken: response.body.session.refreshToken as string,
      auth: ['Authorization', `Bearer ${accessToken}`],
    };
  });

  const asAdmin = {
    get: (path: string) => t.api.get(path).set(...adminSession.auth),
    post: (path: string) => t.api.post(path).set(...adminSession.auth),
    patch: (path: string) => t.api.patch(path).set(...adminSession.auth),
    put: (path: string) => t.api.put(path).set(...adminSession.auth),
  };

  async function addAccount(overrides: Record<string, unknown> = {}) {
    const username = `new.${Math.random().toString(36).slice(2, 10)}`;
    const email = `${username}@example.com`;
    const next = mailMark(t);
    const response = await asAdmin
      .post('/api/company/accounts')
      .send({ ...newAccount, username, email, ...overrides })
      .expect(201);
    const mail = await next((message) =>
      message.to.includes(normaliseEmail((overrides.email as string) ?? email)),
    );
    return {
      response,
      username: (overrides.username as string) ?? username,
      email: (overrides.email as string) ?? email,
      mail,
    };
  }

  describe('access', () => {
    it('needs a session', async () => {
      await t.api.get('/api/company/accounts').expect(401);
    });

    it('needs an admin account', async () => {
      const session = await loginBearer(t, user);
      const response = await t.api
        .get('/api/company/accounts')
        .set(...session.auth)
        .expect(403);
      expect(response.body.error.code).toBe('auth.forbidden');
      await t.api
        .get('/api/company/audit')
        .set(...session.auth)
        .expect(403);
    });
  });

  it("lists the accounts of the admin's company only", async () => {
    const response = await asAdmin.get('/api/company/accounts').expect(200);
    const ids = (response.body.accounts as { id: string }[]).map((account) => account.id);

    expect(ids).toEqual(expect.arrayContaining([admin.id, user.id]));
    expect(ids).not.toContain(otherAdmin.id);
    expect(ids).not.toContain(otherUser.id);
    expect(response.body.total).toBe(ids.length);
    expect(response.body.accounts[0]).toMatchObject({
      id: admin.id,
      role: 'admin',
      status: 'active',
      activated: true,
    });
  });

  describe('adding an account', () => {
    it('creates an ordinary account and emails a link to set the password', async () => {
      const { response, username, email, mail } = await addAccount({ mobile: '9123 4567' });

      expect(response.body).toMatchObject({
        linkSent: true,
        sentTo: expect.stringMatching(/^ne\*\*\*@example\.com$/),
        account: {
          username,
          email,
          role: 'user',
          status: 'active',
          activated: false,
          phone: '+85221234567',
          mobile: '+85291234567',
          permissions: ['blockchain', 'cabinet'],
        },
      });
      expect(mail.subject).toContain('请设置账号密码');
      expect(mail.text).toContain(username);

      const stored = await accountModel(t.database.db).findById(response.body.account.id).lean();
      expect(stored?.companyId.toString()).toBe(admin.companyId.toString());
      expect(stored?.passwordHash).toBeUndefined();
    });

    it('activates the account once through the link', async () => {
      const { response, username, email, mail } = await addAccount();
      const token = linkTokenIn(mail.text);

      const loginBefore = await t.api
        .post('/api/auth/login/code')
        .send({ username, password: 'Any#Password1' })
        .expect(401);
      expect(loginBefore.body.error.code).toBe('auth.invalid_credentials');

      const weak = await t.api
        .post('/api/auth/activate')
        .send({ token, password: 'weak' })
        .expect(400);
      expect(weak.body.error.fields).toEqual([
        expect.objectContaining({ field: 'password', code: 'weak_password' }),
      ]);
      await t.api.post('/api/auth/activate').send({ token, password: newPassword }).expect(204);
      const reuse = await t.api
        .post('/api/auth/activate')
        .send({ token, password: newPassword })
        .expect(400);
      expect(reuse.body.error.code).toBe('activation.invalid');

      const session = await loginBearer(t, { username, password: newPassword, email });
      const me = await t.api
        .get('/api/auth/me')
        .set(...session.auth)
        .expect(200);
      expect(me.body.account).toMatchObject({ id: response.body.account.id, role: 'user' });

      const stored = JSON.stringify(await activationTokenModel(t.database.db).find().lean());
      expect(stored).not.toContain(token);
    });

    it('lets the person set a password with email and code instead', async () => {
      const { username, email } = await addAccount();
      const next = mailMark(t);
      await t.api.post('/api/auth/password-reset/code').send({ email }).expect(202);
      const mail = await next(
        (message) => message.to.includes(email) && message.text.includes('重置密码'),
      );
      const code = /\b(\d{6})\b/u.exec(mail.text)?.[1];

      await t.api
        .post('/api/auth/activate')
        .send({ email, code, password: newPassword })
        .expect(204);
      t.clock.advance(61_000);
      await loginBearer(t, { username, password: newPassword, email });
    });

    it('refuses an expired link', async () => {
      const { mail } = await addAccount();
      t.clock.advance(72 * 3_600_000);
      const response = await t.api
        .post('/api/auth/activate')
        .send({ token: linkTokenIn(mail.text), password: newPassword })
        .expect(400);
      expect(response.body.error.code).toBe('activation.invalid');
    });

    it('refuses a username or email taken regardless of case', async () => {
      const username = await asAdmin
        .post('/api/company/accounts')
        .send({
          ...newAccount,
          username: user.username.toUpperCase(),
          email: 'fresh.one@example.com',
        })
        .expect(409);
      expect(username.body.error.code).toBe('account.conflict');
      expect(username.body.error.fields).toEqual([
        expect.objectContaining({ field: 'username', code: 'conflict' }),
      ]);

      const email = await asAdmin
        .post('/api/company/accounts')
        .send({ ...newAccount, username: 'fresh.two', email: ` ${otherUser.email.toUpperCase()} ` })
        .expect(409);
      expect(email.body.error.fields).toEqual([
        expect.objectContaining({ field: 'email', code: 'conflict' }),
      ]);
    });

    it('refuses a username or email held by a pending application', async () => {
      await insertApplication(t, {
        username: 'Pending.Person',
        email: 'pending.person@example.com',
        withClaims: true,
      });

      const response = await asAdmin
        .post('/api/company/accounts')
        .send({ ...newAccount, username: 'pending.person', email: 'PENDING.PERSON@example.com' })
        .expect(409);
      expect(response.body.error.fields).toEqual([
        expect.objectContaining({ field: 'username' }),
        expect.objectContaining({ field: 'email' }),
      ]);
    });

    it('names each invalid field', async () => {
      const response = await asAdmin
        .post('/api/company/accounts')
        .send({
          ...newAccount,
          username: 'ab',
          email: 'not-an-address',
          phone: 'abc',
          permissions: ['no_such'],
        })
        .expect(400);
      const fields = (response.body.error.fields as { field: string }[]).map(
        (field) => field.field,
      );
      expect(fields).toEqual(expect.arrayContaining(['permissions.0']));

      // As in certification, a malformed 账号 or 企业邮箱 gets the conflict message, with every bad field marked.
      const rules = await asAdmin
        .post('/api/company/accounts')
        .send({ ...newAccount, username: 'ab', email: 'not-an-address', phone: 'abc' })
        .expect(409);
      expect(rules.body.error.code).toBe('account.conflict');
      expect(rules.body.error.fields).toEqual([
        expect.objectContaining({ field: 'username', code: 'too_short' }),
        expect.objectContaining({ field: 'phone', code: 'invalid' }),
        expect.objectContaining({ field: 'email', code: 'invalid' }),
      ]);

      const phoneOnly = await asAdmin
        .post('/api/company/accounts')
        .send({
          ...newAccount,
          username: 'valid.name',
          email: 'valid.name@example.com',
          phone: 'abc',
        })
        .expect(400);
      expect(phoneOnly.body.error.fields).toEqual([
        expect.objectContaining({ field: 'phone', code: 'invalid' }),
      ]);
    });

    it('sends a new link on request until the password is set', async () => {
      const { response, mail } = await addAccount();
      const id = response.body.account.id as string;
      const next = mailMark(t);

      const resent = await asAdmin.post(`/api/company/accounts/${id}/activation`).expect(200);
      expect(resent.body.linkSent).toBe(true);
      const second = await next((message) => message.to.includes(response.body.account.email));
      const old = await t.api
        .post('/api/auth/activate')
        .send({ token: linkTokenIn(mail.text), password: newPassword })
        .expect(400);
      expect(old.body.error.code).toBe('activation.invalid');
      await t.api
        .post('/api/auth/activate')
        .send({ token: linkTokenIn(second.text), password: newPassword })
        .expect(204);

      const done = await asAdmin.post(`/api/company/accounts/${id}/activation`).expect(409);
      expect(done.body.error.code).toBe('account.already_activated');
    });
  });

  describe('editing', () => {
    it('changes the person fields and records which', async () => {
      const target = await insertAccount(t, { companyId: admin.companyId, mobile: '+85291230003' });

      const response = await asAdmin
        .patch(`/api/company/accounts/${target.id}`)
        .send({ name: 'Wong Ka Yan', email: 'Wong.KaYan@Example.com', mobile: '' })
        .expect(200);

      expect(response.body.account).toMatchObject({
        name: 'Wong Ka Yan',
        email: 'Wong.KaYan@Example.com',
      });
      expect(response.body.account.mobile).toBeUndefined();
      const stored = await accountModel(t.database.db).findById(target.id).lean();
      expect(stored?.emailKey).toBe('wong.kayan@example.com');
      const audit = await auditEntryModel(t.database.db)
        .findOne({ action: 'account.updated', 'target.id': target.id })
        .lean();
      expect(audit?.details).toEqual({ fields: 'email,mobile,name' });
    });

    it('refuses an email used by another account', async () => {
      const target = await insertAccount(t, { companyId: admin.companyId });
      const response = await asAdmin
        .patch(`/api/company/accounts/${target.id}`)
        .send({ email: user.email })
        .expect(409);
      expect(response.body.error.fields).toEqual([
        expect.objectContaining({ field: 'email', code: 'conflict' }),
      ]);
    });

    it('refuses a username change', async () => {
      const response = await asAdmin
        .patch(`/api/company/accounts/${user.id}`)
        .send({ username: 'renamed' })
        .expect(400);
      expect(response.body.error.code).toBe('request.invalid');
    });
  });

  describe('disabling', () => {
    it('ends the sessions of the account at once and refuses its login', async () => {
      const target = await insertAccount(t, { companyId: admin.companyId });
      const session = await loginBearer(t, target);
      await t.api
        .get('/api/auth/me')
        .set(...session.auth)
        .expect(200);

      const response = await asAdmin.post(`/api/company/accounts/${target.id}/disable`).expect(200);

      expect(response.body.account.status).toBe('disabled');
      await t.api
        .get('/api/auth/me')
        .set(...session.auth)
        .expect(401);
      await t.api
        .post('/api/auth/refresh')
        .send({ refreshToken: session.refreshToken })
        .expect(401);
      t.clock.advance(61_000);
      const login = await t.api
        .post('/api/auth/login/code')
        .send({ username: target.username, password: accountPassword })
        .expect(401);
      expect(login.body.error.code).toBe('auth.invalid_credentials');

      await asAdmin.post(`/api/company/accounts/${target.id}/enable`).expect(200);
      await t.api
        .get('/api/auth/me')
        .set(...session.auth)
        .expect(401);
      await loginBearer(t, target);
    });

    it("refuses to disable the company's last active admin", async () => {
      const company = await insertCompany(t);
      const onlyAdmin = await insertAccount(t, { companyId: company._id, role: 'admin' });
      const session = await loginBearer(t, onlyAdmin);

      const response = await t.api
        .post(`/api/company/accounts/${onlyAdmin.id}/disable`)
        .set(...session.auth)
        .expect(409);
      expect(response.body.error.code).toBe('account.last_admin');

      const second = await insertAccount(t, { companyId: company._id, role: 'admin' });
      await t.api
        .post(`/api/company/accounts/${second.id}/disable`)
        .set(...session.auth)
        .expect(200);
      await t.api
        .post(`/api/company/accounts/${onlyAdmin.id}/disable`)
        .set(...session.auth)
        .expect(409);
      await t.api
        .post(`/api/company/accounts/${second.id}/enable`)
        .set(...session.auth)
        .expect(200);
      await t.api
        .post(`/api/company/accounts/${onlyAdmin.id}/disable`)
        .set(...session.auth)
        .expect(200);
      await t.api
        .get('/api/auth/me')
        .set(...session.auth)
        .expect(401);
    });

    it('lets one of two admins disabling each other at once win', async () => {
      const company = await insertCompany(t);
      const first = await insertAccount(t, { companyId: company._id, role: 'admin' });
      const second = await insertAccount(t, { companyId: company._id, role: 'admin' });
      const firstSession = await loginBearer(t, first);
      const secondSession = await loginBearer(t, second);

      const results = await Promise.all([
        t.api.post(`/api/company/accounts/${second.id}/disable`).set(...firstSession.auth),
        t.api.post(`/api/company/accounts/${first.id}/disable`).set(...secondSession.auth),
      ]);

      expect(results.filter((response) => response.status === 200)).toHaveLength(1);
      const active = await accountModel(t.database.db).countDocuments({
        companyId: company._id,
        role: 'admin',
        status: 'active',
      });
      expect(active).toBe(1);
    });
  });

  it('sets permissions from the catalogue', async () => {
    const target = await insertAccount(t, { companyId: admin.companyId, permissions: ['cabinet'] });

    const response = await asAdmin
      .put(`/api/company/accounts/${target.id}/permissions`)
      .send({ permissions: ['blockchain', 'other', 'blockchain'] })
      .expect(200);
    expect(response.body.account.permissions).toEqual(['blockchain', 'other']);

    const bad = await asAdmin
      .put(`/api/company/accounts/${target.id}/permissions`)
      .send({ permissions: ['unknown'] })
      .expect(400);
    expect(bad.body.error.fields).toEqual([
      expect.objectContaining({ field: 'permissions.0', code: 'not_in_catalogue' }),
    ]);

    const audit = await auditEntryModel(t.database.db)
      .findOne({ action: 'account.permissions_changed', 'target.id': target.id })
      .lean();
    expect(audit?.details).toEqual({ before: 'cabinet', after: 'blockchain,other' });
  });

  it('resets a password and ends the sessions', async () => {
    const target = await insertAccount(t, { companyId: admin.companyId });
    const session = await loginBearer(t, target);
    const next = mailMark(t);

    const response = await asAdmin
      .post(`/api/company/accounts/${target.id}/password-reset`)
      .expect(200);

    expect(response.body).toMatchObject({ linkSent: true, account: { activated: false } });
    await t.api
      .get('/api/auth/me')
      .set(...session.auth)
      .expect(401);
    const mail = await next((message) => message.to.includes(normaliseEmail(target.email)));
    expect(mail.subject).toContain('请重新设置密码');
    t.clock.advance(61_000);
    await t.api
      .post('/api/auth/login/code')
      .send({ username: target.username, password: accountPassword })
      .expect(401);

    await t.api
      .post('/api/auth/activate')
      .send({ token: linkTokenIn(mail.text), password: newPassword })
      .expect(204);
    await requestEmailCode(t, { ...target, password: newPassword });
  });

  describe("another company's accounts", () => {
    it.each([
      [
        'disable',
        (id: string) => ({
          method: 'post' as const,
          path: `/api/company/accounts/${id}/disable`,
          body: {},
        }),
      ],
      [
        'enable',
        (id: string) => ({
          method: 'post' as const,
          path: `/api/company/accounts/${id}/enable`,
          body: {},
        }),
      ],
      [
        'edit',
        (id: string) => ({
          method: 'patch' as const,
          path: `/api/company/accounts/${id}`,
          body: { name: 'Taken Over' },
        }),
      ],
      [
        'set permissions',
        (id: string) => ({
          method: 'put' as const,
          path: `/api/company/accounts/${id}/permissions`,
          body: { permissions: [] },
        }),
      ],
      [
        'reset the password',
        (id: string) => ({
          method: 'post' as const,
          path: `/api/company/accounts/${id}/password-reset`,
          body: {},
        }),
      ],
      [
        'resend the link',
        (id: string) => ({
          method: 'post' as const,
          path: `/api/company/accounts/${id}/activation`,
          body: {},
        }),
      ],
    ])('cannot be acted on: %s gives 403', async (_action, route) => {
      const { method, path, body } = route(otherUser.id);
      const response = await asAdmin[method](path).send(body).expect(403);
      expect(response.body.error.code).toBe('auth.forbidden');

      const stored = await accountModel(t.database.db).findById(otherUser.id).lean();
      expect(stored).toMatchObject({
        status: 'active',
        name: 'Chan Tai Man',
        permissions: ['szse_trading_settlement'],
      });
      expect(stored?.passwordHash).toEqual(expect.any(String));
    });

    it('an admin of company A disabling an account of company B gets 403', async () => {
      const session = await loginBearer(t, otherUser);
      const response = await asAdmin
        .post(`/api/company/accounts/${otherUser.id}/disable`)
        .expect(403);
      expect(response.body.error.code).toBe('auth.forbidden');
      await t.api
        .get('/api/auth/me')
        .set(...session.auth)
        .expect(200);
    });
  });

  it('answers 404 for an unknown account', async () => {
    const response = await asAdmin
      .post('/api/company/accounts/64b000000000000000000009/disable')
      .expect(404);
    expect(response.body.error.code).toBe('account.not_found');
  });
});
