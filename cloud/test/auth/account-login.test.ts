import { normaliseEmail, usernameKey } from '@ucz/shared';
import { auditEntryModel } from '../../src/modules/audit/audit.model';
import { loginAttemptModel } from '../../src/modules/auth/login-attempt.model';
import { startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import {
  codeIn,
  insertAccount,
  insertCompany,
  mailMark,
  requestEmailCode,
  roomyLimits,
  smsMark,
  uniqueName,
} from '../support/accounts';

describe('account login', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ now: new Date('2026-03-02T02:00:00Z'), env: roomyLimits });
  });

  afterAll(async () => {
    await t.close();
  });

  function requestCode(body: Record<string, unknown>) {
    return t.api.post('/api/auth/login/code').send(body);
  }

  function login(body: Record<string, unknown>) {
    return t.api.post('/api/auth/login').send({ tokenTransport: 'bearer', ...body });
  }

  describe('sending the code', () => {
    it('sends an SMS to the mobile by default', async () => {
      const who = await insertAccount(t, { mobile: '+85291234567' });
      const next = smsMark(t);

      const response = await requestCode({ username: who.username, password: who.password }).expect(
        200,
      );

      expect(response.body).toMatchObject({
        channel: 'sms',
        destination: '+852****4567',
        copiedToManager: false,
        expiresInSeconds: 300,
        resendAfterSeconds: 60,
      });
      expect(response.body.challengeId).toEqual(expect.any(String));
      const sms = await next((message) => message.to === '+85291234567');
      expect(codeIn(sms.text)).toMatch(/^\d{6}$/);
    });

    it('emails the code when the account has no mobile', async () => {
      const who = await insertAccount(t);
      const next = mailMark(t);

      const response = await requestCode({
        username: who.username,
        password: who.password,
        channel: 'sms',
      }).expect(200);

      expect(response.body.channel).toBe('email');
      expect(response.body.destination).toMatch(/^.{2}\*\*\*@example\.com$/);
      const mail = await next((message) => message.to.includes(normaliseEmail(who.email)));
      expect(mail.to).toEqual([normaliseEmail(who.email)]);
    });

    it('emails the code when asked, even with a mobile', async () => {
      const who = await insertAccount(t, { mobile: '+85291230001' });
      const nextSms = smsMark(t);
      const next = mailMark(t);

      const response = await requestCode({
        username: who.username,
        password: who.password,
        channel: 'email',
      }).expect(200);

      expect(response.body.channel).toBe('email');
      await next((message) => message.to.includes(normaliseEmail(who.email)));
      await expect(nextSms((message) => message.to === '+85291230001', 500)).rejects.toThrow();
    });

    it('copies the email to the customer manager when asked', async () => {
      const company = await insertCompany(t, {
        customerManager: { name: 'Mary Lee', email: 'mary.lee@operator.example' },
      });
      const who = await insertAccount(t, { companyId: company._id, mobile: '+85291230002' });
      const next = mailMark(t);

      const response = await requestCode({
        username: who.username,
        password: who.password,
        channel: 'sms',
        copyToManager: true,
      }).expect(200);

      expect(response.body).toMatchObject({ channel: 'email', copiedToManager: true });
      const mail = await next((message) => message.to.includes('mary.lee@operator.example'));
      expect(mail.to).toEqual([normaliseEmail(who.email), 'mary.lee@operator.example']);
    });

    it('sends to the user alone when no manager is assigned', async () => {
      const who = await insertAccount(t);
      const next = mailMark(t);

      const response = await requestCode({
        username: who.username,
        password: who.password,
        copyToManager: true,
      }).expect(200);

      expect(response.body.copiedToManager).toBe(false);
      const mail = await next((message) => message.to.includes(normaliseEmail(who.email)));
      expect(mail.to).toEqual([normaliseEmail(who.email)]);
    });

    it('finds the account regardless of case and width', async () => {
      const who = await insertAccount(t, { username: 'Wide.Name01' });
      await requestCode({
        username: '  ｗｉｄｅ.name01 ',
        password: who.password,
        channel: 'email',
      }).expect(200);
    });

    it('sends nothing for a wrong password', async () => {
      const who = await insertAccount(t);
      const next = mailMark(t);

      const response = await requestCode({
        username: who.username,
        password: 'Wrong#Password1',
        channel: 'email',
      }).expect(401);

      expect(response.body.error.code).toBe('auth.invalid_credentials');
      await expect(
        next((message) => message.to.includes(normaliseEmail(who.email)), 500),
      ).rejects.toThrow();
    });
  });

  describe('logging in', () => {
    it('needs both the password and the code', async () => {
      const who = await insertAccount(t);
      const { challengeId, code } = await requestEmailCode(t, who);

      const noPassword = await login({ challengeId, code }).expect(400);
      expect(noPassword.body.error.fields).toEqual([
        expect.objectContaining({ field: 'password', code: 'required' }),
      ]);
      const noCode = await login({ challengeId, password: who.password }).expect(400);
      expect(noCode.body.error.fields).toEqual([
        expect.objectContaining({ field: 'code', code: 'required' }),
      ]);
      const wrongPassword = await login({ challengeId, password: 'Wrong#Password1', code }).expect(
        401,
      );
      expect(wrongPassword.body.error.code).toBe('auth.invalid_credentials');

      const ok = await login({ challengeId, password: who.password, code }).expect(200);
      expect(ok.body.account).toMatchObject({ id: who.id, username: who.username, role: 'user' });
      expect(ok.body.session).toMatchObject({ tokenTransport: 'bearer' });
      expect(ok.headers['cache-control']).toBe('no-store');
    });

    it('accepts the username instead of the challenge id', async () => {
      const who = await insertAccount(t);
      const { code } = await requestEmailCode(t, who);

      await login({ username: who.username, password: who.password, code }).expect(200);
    });

    it('asks for a challenge id or a username', async () => {
      const response = await login({ password: 'Whatever#1', code: '123456' }).expect(400);
      expect(response.body.error.fields).toEqual([
        expect.objectContaining({ field: 'challengeId', code: 'required' }),
      ]);
    });

    it('refuses an unknown or expired challenge', async () => {
      const who = await insertAccount(t);
      const { challengeId, code } = await requestEmailCode(t, who);

      const unknown = await login({
        challengeId: 'no-such-challenge',
        password: who.password,
        code,
      }).expect(400);
      expect(unknown.body.error.code).toBe('auth.challenge_invalid');

      t.clock.advance(300_000);
      const expired = await login({ challengeId, password: who.password, code }).expect(400);
      expect(expired.body.error.code).toBe('auth.challenge_invalid');
    });

    it('burns a code guessed 6 times', async () => {
      const who = await insertAccount(t);
      const { challengeId, code } = await requestEmailCode(t, who);
      const wrong = code === '000000' ? '111111' : '000000';

      const answers: string[] = [];
      for (let guess = 0; guess < 6; guess += 1) {
        const response = await login({ challengeId, password: who.password, code: wrong });
        expect(response.status).toBe(400);
        answers.push(response.body.error.code as string);
      }
      expect(answers.slice(0, 4)).toEqual([
        'otp.invalid',
        'otp.invalid',
        'otp.invalid',
        'otp.invalid',
      ]);
      expect(answers.slice(4)).toEqual(['otp.attempts_exceeded', 'otp.attempts_exceeded']);

      const right = await login({ challengeId, password: who.password, code }).expect(400);
      expect(right.body.error.code).toBe('otp.attempts_exceeded');
    });

    it('accepts a code only once', async () => {
      const who = await insertAccount(t);
      const { challengeId, code } = await requestEmailCode(t, who);

      await login({ challengeId, password: who.password, code }).expect(200);
      const again = await login({ username: who.username, password: who.password, code });

      expect(again.status).toBe(400);
      expect(['otp.invalid', 'auth.challenge_invalid']).toContain(again.body.error.code);
      const replay = await login({ challengeId, password: who.password, code }).expect(400);
      expect(replay.body.error.code).toBe('auth.challenge_invalid');
    });

    it('refuses the old code after a resend', async () => {
      const who = await insertAccount(t);
      const first = await requestEmailCode(t, who);
      t.clock.advance(61_000);
      const second = await requestEmailCode(t, who);
      expect(second.code).not.toBe(first.code);

      const old = await login({
        challengeId: second.challengeId,
        password: who.password,
        code: first.code,
      }).expect(400);
      expect(old.body.error.code).toBe('otp.invalid');
      await login({
        challengeId: second.challengeId,
        password: who.password,
        code: second.code,
      }).expect(200);
    });
  });

  describe('limits', () => {
    it('sends one code for 5 requests in 10 s, whatever X-Forwarded-For says', async () => {
      const who = await insertAccount(t);
      const statuses: number[] = [];
      const codes: string[] = [];
      for (let request = 0; request < 5; request += 1) {
        const response = await t.api
          .post('/api/auth/login/code')
          .set('X-Forwarded-For', `203.0.113.${request + 1}`)
          .send({ username: who.username, password: who.password, channel: 'email' });
        statuses.push(response.status);
        if (response.status !== 200) codes.push(response.body.error.code as string);
        t.clock.advance(2_000);
      }

      expect(statuses).toEqual([200, 429, 429, 429, 429]);
      expect(codes).toEqual(Array(4).fill('otp.resend_too_soon'));
      const mails = t.mail.messages().filter((mail) => mail.to.includes(normaliseEmail(who.email)));
      expect(mails).toHaveLength(1);
    });

    it('records the socket address, not a spoofed X-Forwarded-For', async () => {
      const who = await insertAccount(t);
      await t.api
        .post('/api/auth/login/code')
        .set('X-Forwarded-For', '198.51.100.77')
        .send({ username: who.username, password: 'Wrong#Password1' })
        .expect(401);

      const entry = await auditEntryModel(t.database.db)
        .findOne({ 'target.id': who.id, action: 'auth.login_failed' })
        .lean();
      expect(entry?.ip).toBe('127.0.0.1');
    });
  });

  describe('lockout', () => {
    it('locks the account for 15 minutes after 5 wrong passwords', async () => {
      const who = await insertAccount(t);
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const response = await requestCode({
          username: who.username,
          password: 'Wrong#Password1',
        }).expect(401);
        expect(response.body.error.code).toBe('auth.invalid_credentials');
      }

      const locked = await requestCode({
        username: who.username,
        password: who.password,
        channel: 'email',
      }).expect(401);
      expect(locked.body.error.code).toBe('auth.invalid_credentials');

      t.clock.advance(15 * 60_000 - 1000);
      await requestCode({
        username: who.username,
        password: who.password,
        channel: 'email',
      }).expect(401);
      t.clock.advance(1000);
      await requestCode({
        username: who.username,
        password: who.password,
        channel: 'email',
      }).expect(200);
    });

    it('counts only consecutive failures', async () => {
      const who = await insertAccount(t);
      for (let attempt = 0; attempt < 4; attempt += 1) {
        await requestCode({ username: who.username, password: 'Wrong#Password1' }).expect(401);
      }
      await requestCode({
        username: who.username,
        password: who.password,
        channel: 'email',
      }).expect(200);
      for (let attempt = 0; attempt < 4; attempt += 1) {
        await requestCode({ username: who.username, password: 'Wrong#Password1' }).expect(401);
      }
      t.clock.advance(61_000);
      await requestCode({
        username: who.username,
        password: who.password,
        channel: 'email',
      }).expect(200);
    });

    it('counts wrong passwords at the login step too', async () => {
      const who = await insertAccount(t);
      const { challengeId, code } = await requestEmailCode(t, who);
      for (let attempt = 0; attempt < 5; attempt += 1) {
        await login({ challengeId, password: 'Wrong#Password1', code }).expect(401);
      }
      const response = await login({ challengeId, password: who.password, code }).expect(401);
      expect(response.body.error.code).toBe('auth.invalid_credentials');
    });

    it('holds under concurrent guesses', async () => {
      const who = await insertAccount(t);
      const guesses = await Promise.all(
        Array.from({ length: 12 }, () =>
          requestCode({ username: who.username, password: 'Wrong#Password1' }),
        ),
      );
      expect(guesses.every((response) => response.status === 401)).toBe(true);

      await requestCode({
        username: who.username,
        password: who.password,
        channel: 'email',
      }).expect(401);
    });

    it('counts failures of an unknown name like those of an account', async () => {
      const name = uniqueName('Nobody.');
      for (let attempt = 0; attempt < 5; attempt += 1) {
        await requestCode({ username: name, password: 'Wrong#Password1' }).expect(401);
      }
      const slots = await loginAttemptModel(t.database.db)
        .find({ subjectKey: `username:${usernameKey(name)}` })
        .lean();
      expect(slots.map((slot) => slot.slot).sort()).toEqual([1, 2, 3, 4, 5]);

      const locked = await insertAccount(t);
      for (let attempt = 0; attempt < 5; attempt += 1) {
        await requestCode({ username: locked.username, password: 'Wrong#Password1' }).expect(401);
      }
      const unknownAnswer = await requestCode({ username: name, password: 'Any#Password1' });
      const lockedAnswer = await requestCode({
        username: locked.username,
        password: locked.password,
      });
      expect(unknownAnswer.status).toBe(401);
      expect(lockedAnswer.status).toBe(401);
      expect({ ...unknownAnswer.body.error, requestId: undefined }).toEqual({
        ...lockedAnswer.body.error,
        requestId: undefined,
      });
    });

    it('holds under concurrent guesses at an unknown name', async () => {
      const name = uniqueName('Nobody.');
      const guesses = await Promise.all(
        Array.from({ length: 12 }, () =>
          requestCode({ username: name, password: 'Wrong#Password1' }),
        ),
      );
      expect(guesses.every((response) => response.status === 401)).toBe(true);
      const slots = await loginAttemptModel(t.database.db).countDocuments({
        subjectKey: `username:${usernameKey(name)}`,
      });
      expect(slots).toBe(5);
    });

    it('gives the same answer for unknown, wrong, locked, disabled and unactivated accounts', async () => {
      const known = await insertAccount(t);
      const locked = await insertAccount(t);
      const disabled = await insertAccount(t, { status: 'disabled' });
      const unactivated = await insertAccount(t, { password: null });
      for (let attempt = 0; attempt < 5; attempt += 1) {
        await requestCode({ username: locked.username, password: 'Wrong#Password1' }).expect(401);
      }

      const cases = [
        { username: 'nobody-here', password: known.password },
        { username: known.username, password: 'Wrong#Password1' },
        { username: locked.username, password: locked.password },
        { username: disabled.username, password: disabled.password },
        { username: unactivated.username, password: 'Any#Password1' },
      ];
      const bodies: unknown[] = [];
      for (const body of cases) {
        const response = await requestCode({ ...body, channel: 'email' });
        expect(response.status).toBe(401);
        const { requestId, ...rest } = response.body.error as { requestId: string };
        expect(requestId).toEqual(expect.any(String));
        bodies.push(rest);
      }
      for (const body of bodies) expect(body).toEqual(bodies[0]);
      expect(bodies[0]).toEqual({ code: 'auth.invalid_credentials', message: '账号或密码错误。' });
    });

    it('takes similar time for an unknown account and a wrong password', async () => {
      const who = await insertAccount(t);
      const time = async (username: string) => {
        const started = process.hrtime.bigint();
        await requestCode({ username, password: 'Wrong#Password1' }).expect(401);
        return Number(process.hrtime.bigint() - started) / 1e6;
      };
      // Warm up the placeholder hash.
      await time('nobody-warm-up');
      const unknown: number[] = [];
      const wrong: number[] = [];
      for (let round = 0; round < 3; round += 1) {
        unknown.push(await time(`nobody-${round}`));
        wrong.push(await time(who.username));
        t.clock.advance(16 * 60_000);
      }
      const median = (values: number[]) => [...values].sort((a, b) => a - b)[1] ?? 0;
      // Both run one Argon2 verification; the unknown name must not be markedly faster.
      expect(median(unknown)).toBeGreaterThan(median(wrong) * 0.4);
    });
  });

  describe('audit', () => {
    it('records codes sent, failures, lockouts and logins without secrets', async () => {
      const who = await insertAccount(t);
      for (let attempt = 0; attempt < 4; attempt += 1) {
        await requestCode({ username: who.username, password: 'Wrong#Password1' }).expect(401);
      }
      const { challengeId, code } = await requestEmailCode(t, who);
      await login({ challengeId, password: who.password, code }).expect(200);

      const locked = await insertAccount(t);
      for (let attempt = 0; attempt < 5; attempt += 1) {
        await requestCode({ username: locked.username, password: 'Wrong#Password1' }).expect(401);
      }

      const entries = await auditEntryModel(t.database.db)
        .find({ 'target.id': { $in: [who.id, locked.id] } })
        .lean();
      const own = await auditEntryModel(t.database.db).find({ 'actor.id': who.id }).lean();
      const actions = [...entries, ...own].map((entry) => entry.action);
      expect(actions).toEqual(
        expect.arrayContaining([
          'auth.login_failed',
          'auth.code_sent',
          'auth.login_succeeded',
          'auth.account_locked',
        ]),
      );

      const success = own.find((entry) => entry.action === 'auth.login_succeeded');
      expect(success).toMatchObject({
        ip: '127.0.0.1',
        outcome: 'success',
        actor: { type: 'account', id: who.id },
      });
      expect(success?.requestId).toEqual(expect.any(String));
      expect(success?.companyId?.toString()).toBe(who.companyId.toString());

      const stored = JSON.stringify([...entries, ...own]);
      expect(stored).not.toContain(code);
      expect(stored).not.toContain(who.password);
      expect(stored).not.toContain('Wrong#Password1');
      expect(stored).not.toContain(challengeId);
    });
  });
});
