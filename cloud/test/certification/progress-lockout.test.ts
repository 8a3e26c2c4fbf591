import { usernameKey } from '@ucz/shared';
import { loginAttemptModel } from '../../src/modules/auth/login-attempt.model';
import { insertAccount, roomyLimits } from '../support/accounts';
import type { TestApp } from '../support/test-app';
import { fillDraft, goodPassword, startWizardApp, submitDraft } from './wizard';

const wrongPassword = 'Wrong#Password1';

/**
 * The progress query by password shares the lockout of account login: one set of
 * attempt slots per account (or per username key for names that only have pending
 * applications), claimed before the password is checked.
 */
describe('progress query lockout', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startWizardApp({ now: new Date('2026-12-02T02:00:00Z'), env: roomyLimits });
  });

  afterAll(async () => {
    await t.close();
  });

  /** Submits an application and returns its username; its password is goodPassword. */
  async function pendingUsername(): Promise<string> {
    const filled = await fillDraft(t);
    await submitDraft(t, filled.token, filled.code).expect(200);
    return filled.account.username;
  }

  /** Submits an application and creates its account, as an approval does (same password). */
  async function approvedUsername(): Promise<string> {
    const username = await pendingUsername();
    await insertAccount(t, { username, password: goodPassword });
    return username;
  }

  function byPassword(username: string, password: string) {
    return t.api.post('/api/certification/progress/by-password').send({ username, password });
  }

  function loginCode(username: string, password: string) {
    return t.api.post('/api/auth/login/code').send({ username, password, channel: 'email' });
  }

  it('lets at most 5 of 30 parallel guesses through', async () => {
    const username = await pendingUsername();
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => byPassword(username, wrongPassword)),
    );
    const statuses = answers.map((response) => response.status);

    expect(statuses.filter((status) => status !== 429).length).toBeLessThanOrEqual(5);
    expect(statuses.every((status) => status === 401 || status === 429)).toBe(true);
    const locked = await byPassword(username, goodPassword).expect(429);
    expect(locked.body.error.code).toBe('request.rate_limited');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('lets at most 5 of 30 parallel guesses through for an approved account', async () => {
    const username = await approvedUsername();
    const answers = await Promise.all(
      Array.from({ length: 30 }, () => byPassword(username, wrongPassword)),
    );

    expect(answers.filter((response) => response.status !== 429).length).toBeLessThanOrEqual(5);
    await byPassword(username, goodPassword).expect(429);
    const login = await loginCode(username, goodPassword).expect(401);
    expect(login.body.error.code).toBe('auth.invalid_credentials');
  });

  it('refuses an account locked by login failures', async () => {
    const username = await approvedUsername();
    await byPassword(username, goodPassword).expect(200);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await loginCode(username, wrongPassword).expect(401);
    }

    const refused = await byPassword(username, goodPassword).expect(429);
    expect(refused.body.error.code).toBe('request.rate_limited');
    expect(refused.headers['retry-after']).toBe('900');
  });

  it('adds login and progress failures of an account', async () => {
    const username = await approvedUsername();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await loginCode(username, wrongPassword).expect(401);
    }
    for (let attempt = 0; attempt < 2; attempt += 1) {
      await byPassword(username, wrongPassword).expect(401);
    }

    await byPassword(username, goodPassword).expect(429);
    await loginCode(username, goodPassword).expect(401);
    t.clock.advance(15 * 60_000);
    await loginCode(username, goodPassword).expect(200);
  });

  it('adds login and progress failures of a pending name', async () => {
    const username = await pendingUsername();
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await loginCode(username, wrongPassword).expect(401);
    }
    await byPassword(username, wrongPassword).expect(401);
    await byPassword(username, wrongPassword).expect(401);

    await byPassword(username, goodPassword).expect(429);
    t.clock.advance(15 * 60_000);
    await byPassword(username, goodPassword).expect(200);
  });

  it('clears the failures on the right password', async () => {
    const username = await approvedUsername();
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await loginCode(username, wrongPassword).expect(401);
    }
    await byPassword(username, goodPassword).expect(200);
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await loginCode(username, wrongPassword).expect(401);
    }
    await byPassword(username, goodPassword).expect(200);
  });

  it('counts an older application password without clearing the failures', async () => {
    const username = await pendingUsername();
    // The account's password was changed after approval; the application keeps the old hash.
    await insertAccount(t, { username, password: 'Changed#2027' });
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await loginCode(username, wrongPassword).expect(401);
    }

    await byPassword(username, goodPassword).expect(200);
    await loginCode(username, wrongPassword).expect(401);
    const locked = await loginCode(username, 'Changed#2027').expect(401);
    expect(locked.body.error.code).toBe('auth.invalid_credentials');
  });

  it('keys a name without account by its username key', async () => {
    const username = await pendingUsername();
    await byPassword(` ${username.toUpperCase()} `, wrongPassword).expect(401);

    const slots = await loginAttemptModel(t.database.db)
      .find({ subjectKey: `username:${usernameKey(username)}` })
      .lean();
    expect(slots).toHaveLength(1);
  });
});
