import jwt from 'jsonwebtoken';
import { accountModel } from '../../src/modules/accounts/account.model';
import { companyModel } from '../../src/modules/accounts/company.model';
import { refreshTokenModel } from '../../src/modules/auth/refresh-token.model';
import { sessionModel } from '../../src/modules/auth/session.model';
import { auditEntryModel } from '../../src/modules/audit/audit.model';
import { startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import {
  accountPassword,
  insertAccount,
  insertStaff,
  loginBearer,
  loginStaffBearer,
  newPassword,
  requestEmailCode,
  roomyLimits,
} from '../support/accounts';

describe('sessions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ now: new Date('2026-03-02T02:00:00Z'), env: roomyLimits });
  });

  afterAll(async () => {
    await t.close();
  });

  function me(auth: [string, string]) {
    return t.api.get('/api/auth/me').set(...auth);
  }

  function refresh(refreshToken: string) {
    return t.api.post('/api/auth/refresh').send({ refreshToken });
  }

  describe('access tokens', () => {
    it('identify the account at /api/auth/me', async () => {
      const who = await insertAccount(t, { mobile: '+85291234567', permissions: ['blockchain'] });
      const session = await loginBearer(t, who);

      const response = await me(session.auth).expect(200);

      expect(response.body.account).toMatchObject({
        id: who.id,
        username: who.username,
        mobile: '+85291234567',
        role: 'user',
        permissions: ['blockchain'],
        company: { id: who.companyId.toString() },
      });
      expect(response.headers['cache-control']).toBe('no-store');
    });

    it('carry the key id, subject type, session version and session id', async () => {
      const who = await insertAccount(t);
      const session = await loginBearer(t, who);

      const decoded = jwt.decode(session.accessToken, { complete: true });
      expect(decoded?.header).toMatchObject({ alg: 'HS256', kid: expect.stringMatching(/^dev-/) });
      expect(decoded?.payload).toMatchObject({
        sub: who.id,
        st: 'account',
        sv: 0,
        fam: expect.any(String),
      });
      const payload = decoded?.payload as { iat: number; exp: number };
      expect(payload.exp - payload.iat).toBe(600);
    });

    it.each([
      ['no header', undefined],
      ['a malformed token', 'Bearer not-a-token'],
      ['another scheme', 'Basic YWxpY2U6c2VjcmV0'],
    ])('are required: %s gives 401', async (_case, header) => {
      const request = t.api.get('/api/auth/me');
      if (header) request.set('Authorization', header);
      const response = await request.expect(401);
      expect(response.body.error.code).toBe('auth.unauthenticated');
      expect(response.headers['www-authenticate']).toBe('Bearer');
    });

    it('are refused when tampered with', async () => {
      const who = await insertAccount(t);
      const other = await insertAccount(t);
      const session = await loginBearer(t, who);
      const [header, , signature] = session.accessToken.split('.');
      const forgedPayload = Buffer.from(
        JSON.stringify({ ...(jwt.decode(session.accessToken) as object), sub: other.id }),
      ).toString('base64url');

      await me(['Authorization', `Bearer ${header}.${forgedPayload}.${signature}`]).expect(401);
      const unsigned = jwt.sign(
        { sub: who.id, st: 'account', sv: 0, fam: 'x' },
        'guessed-secret-guessed-secret-guessed',
        {
          keyid: (jwt.decode(session.accessToken, { complete: true })?.header.kid as string) ?? 'x',
        },
      );
      await me(['Authorization', `Bearer ${unsigned}`]).expect(401);
    });

    it('expire after 10 minutes; the refresh token gets a new one', async () => {
      const who = await insertAccount(t);
      const session = await loginBearer(t, who);

      t.clock.advance(599_000);
      await me(session.auth).expect(200);
      t.clock.advance(1_000);
      await me(session.auth).expect(401);

      const refreshed = await refresh(session.refreshToken).expect(200);
      expect(refreshed.body.session.refreshToken).not.toBe(session.refreshToken);
      await me(['Authorization', `Bearer ${refreshed.body.session.accessToken}`]).expect(200);
    });

    it('of staff are not accepted for accounts, nor the reverse', async () => {
      const staff = await insertStaff(t);
      const staffSession = await loginStaffBearer(t, staff);
      const who = await insertAccount(t);
      const accountSession = await loginBearer(t, who);

      await me(staffSession.auth).expect(401);
      await t.api
        .get('/api/review/me')
        .set(...accountSession.auth)
        .expect(401);
      await t.api
        .get('/api/review/me')
        .set(...staffSession.auth)
        .expect(200);
    });
  });

  describe('refresh tokens', () => {
    it('are stored hashed', async () => {
      const who = await insertAccount(t);
      const session = await loginBearer(t, who);

      const stored = JSON.stringify(await refreshTokenModel(t.database.db).find().lean());
      expect(stored).not.toContain(session.refreshToken);
    });

    it('work once; a second use ends the whole session', async () => {
      const who = await insertAccount(t);
      const session = await loginBearer(t, who);
      const first = await refresh(session.refreshToken).expect(200);
      const newAccess: [string, string] = [
        'Authorization',
        `Bearer ${first.body.session.accessToken}`,
      ];
      await me(newAccess).expect(200);

      const reuse = await refresh(session.refreshToken).expect(401);
      expect(reuse.body.error.code).toBe('auth.unauthenticated');

      await me(newAccess).expect(401);
      await me(session.auth).expect(401);
      await refresh(first.body.session.refreshToken).expect(401);
      const { fam } = jwt.decode(session.accessToken) as { fam: string };
      const ended = await sessionModel(t.database.db).findById(fam).lean();
      expect(ended?.endReason).toBe('refresh_reuse');
      const audit = await auditEntryModel(t.database.db)
        .findOne({ action: 'auth.refresh_reused', 'actor.id': who.id })
        .lean();
      expect(audit?.outcome).toBe('failure');
    });

    it('used twice at once give one new session and end it', async () => {
      const who = await insertAccount(t);
      const session = await loginBearer(t, who);

      const [a, b] = await Promise.all([
        refresh(session.refreshToken),
        refresh(session.refreshToken),
      ]);

      expect([a.status, b.status].sort()).toEqual([200, 401]);
      const winner = a.status === 200 ? a : b;
      await me(['Authorization', `Bearer ${winner.body.session.accessToken}`]).expect(401);
    });

    it('are refused after the session ends at its maximum age', async () => {
      const who = await insertAccount(t);
      const session = await loginBearer(t, who);
      let refreshToken = session.refreshToken;
      for (let day = 0; day < 3; day += 1) {
        t.clock.advance(10 * 86_400_000);
        const response = await refresh(refreshToken);
        if (day < 2) {
          expect(response.status).toBe(200);
          refreshToken = response.body.session.refreshToken as string;
        } else {
          expect(response.status).toBe(401);
        }
      }
    });

    it('are refused for an unknown token', async () => {
      await refresh('x'.repeat(43)).expect(401);
      await t.api.post('/api/auth/refresh').send({}).expect(401);
    });
  });

  describe('ending sessions', () => {
    it('logout refuses the old access and refresh tokens', async () => {
      const who = await insertAccount(t);
      const session = await loginBearer(t, who);
      t.clock.advance(61_000);
      const other = await loginBearer(t, who);

      await t.api
        .post('/api/auth/logout')
        .set(...session.auth)
        .send({})
        .expect(204);

      await me(session.auth).expect(401);
      await refresh(session.refreshToken).expect(401);
      await me(other.auth).expect(200);
      await t.api
        .post('/api/auth/logout')
        .set(...session.auth)
        .send({})
        .expect(204);
    });

    it('logout with only the refresh token ends the session', async () => {
      const who = await insertAccount(t);
      const session = await loginBearer(t, who);

      await t.api.post('/api/auth/logout').send({ refreshToken: session.refreshToken }).expect(204);

      await me(session.auth).expect(401);
    });

    it('logout everywhere ends every session of the account', async () => {
      const who = await insertAccount(t);
      const first = await loginBearer(t, who);
      t.clock.advance(61_000);
      const second = await loginBearer(t, who);

      await t.api
        .post('/api/auth/logout')
        .set(...second.auth)
        .send({ everywhere: true })
        .expect(204);

      await me(first.auth).expect(401);
      await me(second.auth).expect(401);
      await refresh(first.refreshToken).expect(401);
    });

    it('a password change ends the other sessions and returns a new one', async () => {
      const who = await insertAccount(t);
      const first = await loginBearer(t, who);
      t.clock.advance(61_000);
      const second = await loginBearer(t, who);

      const response = await t.api
        .post('/api/auth/password')
        .set(...second.auth)
        .send({ oldPassword: accountPassword, newPassword })
        .expect(200);

      await me(first.auth).expect(401);
      await me(second.auth).expect(401);
      await refresh(first.refreshToken).expect(401);
      await me(['Authorization', `Bearer ${response.body.session.accessToken}`]).expect(200);
      await refresh(response.body.session.refreshToken).expect(200);

      t.clock.advance(61_000);
      const old = await t.api
        .post('/api/auth/login/code')
        .send({ username: who.username, password: accountPassword })
        .expect(401);
      expect(old.body.error.code).toBe('auth.invalid_credentials');
      await requestEmailCode(t, { ...who, password: newPassword });
    });

    it('a password change needs the right old password and a strong new one', async () => {
      const who = await insertAccount(t);
      const session = await loginBearer(t, who);

      const wrong = await t.api
        .post('/api/auth/password')
        .set(...session.auth)
        .send({ oldPassword: 'Wrong#Password1', newPassword })
        .expect(400);
      expect(wrong.body.error.code).toBe('password.incorrect');
      expect(wrong.body.error.fields).toEqual([expect.objectContaining({ field: 'oldPassword' })]);

      const weak = await t.api
        .post('/api/auth/password')
        .set(...session.auth)
        .send({ oldPassword: accountPassword, newPassword: 'weakpass' })
        .expect(400);
      expect(weak.body.error.code).toBe('password.weak');
      expect(weak.body.error.fields).toEqual([
        expect.objectContaining({ field: 'newPassword', code: 'weak_password' }),
      ]);

      await me(session.auth).expect(200);
      const audit = await auditEntryModel(t.database.db).countDocuments({
        action: 'auth.password_changed',
        'actor.id': who.id,
      });
      expect(audit).toBe(0);
    });

    it('a disable made elsewhere ends sessions within the cache time', async () => {
      const who = await insertAccount(t);
      const session = await loginBearer(t, who);
      await me(session.auth).expect(200);

      await accountModel(t.database.db).updateOne(
        { _id: who.account._id },
        { $set: { status: 'disabled' } },
      );
      t.clock.advance(t.config.SESSION_STATE_CACHE_MS);

      await me(session.auth).expect(401);
      await refresh(session.refreshToken).expect(401);
    });

    it('deleting the company ends the sessions of its accounts', async () => {
      const who = await insertAccount(t);
      const session = await loginBearer(t, who);
      await me(session.auth).expect(200);

      await companyModel(t.database.db).deleteOne({ _id: who.companyId });
      t.clock.advance(t.config.SESSION_STATE_CACHE_MS);

      await me(session.auth).expect(401);
      await refresh(session.refreshToken).expect(401);
    });

    it('a raised session version ends the sessions', async () => {
      const who = await insertAccount(t);
      const session = await loginBearer(t, who);

      await t.services.auth.sessions.endAllFor('account', who.id, 'session_version');

      await me(session.auth).expect(401);
      await refresh(session.refreshToken).expect(401);
    });
  });

  it('unbinding a WeChat identity ends only its sessions', async () => {
    const who = await insertAccount(t);
    const passwordSession = await loginBearer(t, who);
    const viaWechat = await t.services.auth.sessions.start({
      subjectType: 'account',
      subjectId: who.id,
      sessionVersion: 0,
      transport: 'bearer',
      request: { ip: '127.0.0.1' },
      wechatIdentityId: 'identity-1',
    });
    const wechatAuth: [string, string] = ['Authorization', `Bearer ${viaWechat.accessToken}`];
    await me(wechatAuth).expect(200);

    expect(await t.services.auth.sessions.endAllForWechatIdentity('identity-1')).toBe(1);

    await me(wechatAuth).expect(401);
    await refresh(viaWechat.refreshToken).expect(401);
    await me(passwordSession.auth).expect(200);
  });

  it('lists the session routes in the OpenAPI document', async () => {
    const response = await t.api.get('/api/openapi.json').expect(200);
    const paths = Object.keys(response.body.paths as object);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/auth/login/code',
        '/api/auth/login',
        '/api/auth/refresh',
        '/api/auth/logout',
        '/api/auth/me',
        '/api/auth/password',
        '/api/auth/password-reset/code',
        '/api/auth/password-reset',
        '/api/auth/activate',
        '/api/review/login',
        '/api/company/accounts',
        '/api/company/accounts/{id}/disable',
        '/api/company/audit',
        '/api/operator/staff',
        '/api/operator/companies/{id}/customer-manager',
        '/api/operator/audit',
      ]),
    );
    expect(response.body.paths['/api/auth/me'].get.security).toEqual([
      { accountToken: [] },
      { accountCookie: [] },
    ]);
  });

  it('sweeps expired sessions and tokens', async () => {
    const who = await insertAccount(t);
    await loginBearer(t, who);
    t.clock.advance(31 * 86_400_000);

    const swept = await t.services.auth.sessions.sweep();

    expect(swept.sessions).toBeGreaterThan(0);
    expect(
      await sessionModel(t.database.db).countDocuments({ expiresAt: { $lte: t.clock.now() } }),
    ).toBe(0);
  });
});
