import { normaliseEmail } from '@ucz/shared';
import { codeIn, insertAccount, mailMark } from '../support/accounts';
import { startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';

/**
 * The resend interval and the daily limit of a destination count each purpose apart, so
 * an anonymous caller who asks for progress-query codes cannot use up the login and
 * password-reset codes of the same address.
 */
describe('one-time code limits per purpose', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({
      now: new Date('2026-03-02T02:00:00Z'),
      env: { OTP_DAILY_LIMIT_PER_IP: '1000', LOGIN_ATTEMPTS_PER_IP: '1000' },
    });
  });

  afterAll(async () => {
    await t.close();
  });

  function progressCode(email: string) {
    return t.api.post('/api/certification/progress/email-code').send({ email });
  }

  async function expectLoginCode(who: { username: string; password: string; email: string }) {
    const next = mailMark(t);
    await t.api
      .post('/api/auth/login/code')
      .send({ username: who.username, password: who.password, channel: 'email' })
      .expect(200);
    const mail = await next((message) => message.to.includes(normaliseEmail(who.email)));
    expect(codeIn(mail.text)).toMatch(/^\d{6}$/u);
  }

  async function expectResetCode(email: string) {
    const next = mailMark(t);
    await t.api.post('/api/auth/password-reset/code').send({ email }).expect(202);
    const mail = await next((message) => message.to.includes(normaliseEmail(email)));
    expect(mail.text).toContain('重置密码');
  }

  it('sends login and reset codes after the progress cap', async () => {
    const who = await insertAccount(t);
    const limit = t.config.OTP_DAILY_LIMIT_PER_DESTINATION;
    for (let request = 0; request < limit; request += 1) {
      await progressCode(who.email).expect(200);
      t.clock.advance(61_000);
    }
    const exhausted = await progressCode(who.email).expect(429);
    expect(exhausted.body.error.code).toBe('otp.daily_limit');

    await expectLoginCode(who);
    await expectResetCode(who.email);
  });

  it('sends a reset code right after a login code', async () => {
    const who = await insertAccount(t);
    await expectLoginCode(who);
    await expectResetCode(who.email);

    const again = await t.api
      .post('/api/auth/login/code')
      .send({ username: who.username, password: who.password, channel: 'email' })
      .expect(429);
    expect(again.body.error.code).toBe('otp.resend_too_soon');
  });

  it('sends a login code right after a progress code', async () => {
    const who = await insertAccount(t);
    await progressCode(who.email).expect(200);
    await expectLoginCode(who);
    const again = await progressCode(who.email).expect(429);
    expect(again.body.error.code).toBe('otp.resend_too_soon');
  });
});
