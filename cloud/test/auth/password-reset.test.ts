import { normaliseEmail } from '@ucz/shared';
import { auditEntryModel } from '../../src/modules/audit/audit.model';
import { startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import {
  accountPassword,
  codeIn,
  insertAccount,
  loginBearer,
  mailMark,
  newPassword,
  requestEmailCode,
  roomyLimits,
} from '../support/accounts';
import type { TestAccount } from '../support/accounts';

describe('password reset by email code', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ now: new Date('2026-03-02T02:00:00Z'), env: roomyLimits });
  });

  afterAll(async () => {
    await t.close();
  });

  async function resetCodeFor(who: TestAccount): Promise<string> {
    const next = mailMark(t);
    await t.api
      .post('/api/auth/password-reset/code')
      .send({ email: who.email.toUpperCase() })
      .expect(202);
    const mail = await next((message) => message.to.includes(normaliseEmail(who.email)));
    expect(mail.text).toContain('重置密码');
    return codeIn(mail.text);
  }

  it('answers the same for known and unknown addresses', async () => {
    const who = await insertAccount(t);
    const next = mailMark(t);

    const known = await t.api
      .post('/api/auth/password-reset/code')
      .send({ email: who.email })
      .expect(202);
    const unknown = await t.api
      .post('/api/auth/password-reset/code')
      .send({ email: 'nobody@example.com' })
      .expect(202);

    expect(unknown.body).toEqual(known.body);
    expect(known.body).toEqual({ accepted: true, resendAfterSeconds: 60, expiresInSeconds: 300 });
    await next((message) => message.to.includes(normaliseEmail(who.email)));
    await expect(
      next((message) => message.to.includes('nobody@example.com'), 500),
    ).rejects.toThrow();
  });

  it('answers the same when the resend interval holds the code back', async () => {
    const who = await insertAccount(t);
    const first = await t.api
      .post('/api/auth/password-reset/code')
      .send({ email: who.email })
      .expect(202);
    const second = await t.api
      .post('/api/auth/password-reset/code')
      .send({ email: who.email })
      .expect(202);
    expect(second.body).toEqual(first.body);
  });

  it('rejects a malformed address', async () => {
    const response = await t.api
      .post('/api/auth/password-reset/code')
      .send({ email: 'not-an-address' })
      .expect(400);
    expect(response.body.error.fields).toEqual([
      expect.objectContaining({ field: 'email', code: 'invalid' }),
    ]);
  });

  it('sets the new password and ends every session', async () => {
    const who = await insertAccount(t);
    const session = await loginBearer(t, who);
    t.clock.advance(61_000);
    const code = await resetCodeFor(who);

    await t.api
      .post('/api/auth/password-reset')
      .send({ email: who.email, code, newPassword })
      .expect(204);

    await t.api
      .get('/api/auth/me')
      .set(...session.auth)
      .expect(401);
    await t.api.post('/api/auth/refresh').send({ refreshToken: session.refreshToken }).expect(401);
    t.clock.advance(61_000);
    await t.api
      .post('/api/auth/login/code')
      .send({ username: who.username, password: accountPassword })
      .expect(401);
    await loginBearer(t, { ...who, password: newPassword });

    const audit = await auditEntryModel(t.database.db)
      .findOne({ action: 'auth.password_reset', 'target.id': who.id })
      .lean();
    expect(audit).toMatchObject({ companyId: who.companyId, details: { method: 'email_code' } });
  });

  it('keeps the code usable after a weak password', async () => {
    const who = await insertAccount(t);
    const code = await resetCodeFor(who);

    const weak = await t.api
      .post('/api/auth/password-reset')
      .send({ email: who.email, code, newPassword: 'weak' })
      .expect(400);
    expect(weak.body.error.code).toBe('password.weak');

    await t.api
      .post('/api/auth/password-reset')
      .send({ email: who.email, code, newPassword })
      .expect(204);
  });

  it('accepts a code once and only for its address', async () => {
    const who = await insertAccount(t);
    const other = await insertAccount(t);
    const code = await resetCodeFor(who);

    const elsewhere = await t.api
      .post('/api/auth/password-reset')
      .send({ email: other.email, code, newPassword })
      .expect(400);
    expect(elsewhere.body.error.code).toBe('otp.invalid');
    await t.api
      .post('/api/auth/password-reset')
      .send({ email: who.email, code, newPassword })
      .expect(204);
    const again = await t.api
      .post('/api/auth/password-reset')
      .send({ email: who.email, code, newPassword })
      .expect(400);
    expect(again.body.error.code).toBe('otp.invalid');
  });

  it('does not take a login code', async () => {
    const who = await insertAccount(t);
    const { code } = await requestEmailCode(t, who);

    const response = await t.api
      .post('/api/auth/password-reset')
      .send({ email: who.email, code, newPassword })
      .expect(400);
    expect(response.body.error.code).toBe('otp.invalid');
  });

  it('unlocks a locked account', async () => {
    const who = await insertAccount(t);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await t.api
        .post('/api/auth/login/code')
        .send({ username: who.username, password: 'Wrong#Password1' })
        .expect(401);
    }
    const code = await resetCodeFor(who);
    await t.api
      .post('/api/auth/password-reset')
      .send({ email: who.email, code, newPassword })
      .expect(204);
    // The resend interval covers every code sent to the address.
    t.clock.advance(61_000);

    await requestEmailCode(t, { ...who, password: newPassword });
  });
});
