import { accountModel } from '../../src/modules/accounts/account.model';
import type { AccountDoc } from '../../src/modules/accounts/account.model';
import { securitySmsRule } from '../../src/modules/auth/password-notices';
import { outboxMessageModel } from '../../src/modules/notifications/outbox.model';
import { startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { accountPassword, insertAccount, loginBearer, roomyLimits } from '../support/accounts';
import type { BearerSession } from '../support/accounts';

let t: TestApp;

beforeAll(async () => {
  // 10:00 in Asia/Shanghai, so the steps below stay on one business day.
  t = await startTestApp({ now: new Date('2026-03-02T02:00:00Z'), env: roomyLimits });
});

afterAll(async () => {
  await t.close();
});

/** Returns the n-th password of a sequence of changes, each satisfying the password rule. */
function passwordNumber(n: number): string {
  return `Changed#${n}Pass2027`;
}

function changePassword(auth: [string, string], oldPassword: string, password: string) {
  return t.api
    .post('/api/auth/password')
    .set(...auth)
    .send({ oldPassword, newPassword: password });
}

function bearerOf(response: { body: { session: { accessToken: string } } }): [string, string] {
  return ['Authorization', `Bearer ${response.body.session.accessToken}`];
}

function queuedCount(channel: 'email' | 'sms', to: string): Promise<number> {
  return outboxMessageModel(t.database.db).countDocuments({
    template: 'password_changed',
    channel,
    to,
  });
}

async function notificationChannels(auth: [string, string]): Promise<string[][]> {
  const response = await t.api
    .get('/api/account/notifications')
    .set(...auth)
    .expect(200);
  const items = response.body.notifications as { deliveries: { channel: string }[] }[];
  return items.map((item) => item.deliveries.map((delivery) => delivery.channel));
}

async function storedAccount(id: string): Promise<AccountDoc> {
  const account = await accountModel(t.database.db).findById(id).lean<AccountDoc>();
  if (!account) throw new Error(`account ${id} not found`);
  return account;
}

describe('security notice SMS limit', () => {
  it('texts at most the daily limit of changes', async () => {
    const mobile = '+85291235001';
    const who = await insertAccount(t, { mobile });
    const session: BearerSession = await loginBearer(t, who);
    let auth = session.auth;
    let current = accountPassword;
    const changes = securitySmsRule.dailyLimit + 2;

    for (let n = 1; n <= changes; n += 1) {
      const changed = await changePassword(auth, current, passwordNumber(n)).expect(200);
      auth = bearerOf(changed);
      current = passwordNumber(n);
    }

    expect(await queuedCount('sms', mobile)).toBe(securitySmsRule.dailyLimit);
    expect(await queuedCount('email', who.email)).toBe(changes);
    // Every change is still listed, and the ones over the limit went by email only.
    const channels = await notificationChannels(auth);
    expect(channels).toHaveLength(changes);
    expect(channels.filter((list) => list.includes('sms'))).toHaveLength(
      securitySmsRule.dailyLimit,
    );
    expect(channels.every((list) => list.includes('email'))).toBe(true);
  });

  it('texts again on the next day', async () => {
    const mobile = '+85291235002';
    const who = await insertAccount(t, { mobile });
    const account = await storedAccount(who.id);
    const notify = (n: number) =>
      t.services.passwordNotices.send({
        event: 'password_changed',
        account,
        occurredAt: t.clock.now(),
        eventKey: `password_changed:next-day-${n}`,
      });

    for (let n = 1; n <= securitySmsRule.dailyLimit + 1; n += 1) await notify(n);
    expect(await queuedCount('sms', mobile)).toBe(securitySmsRule.dailyLimit);

    t.clock.advance(24 * 3_600_000);
    await notify(100);
    expect(await queuedCount('sms', mobile)).toBe(securitySmsRule.dailyLimit + 1);
  });

  it('holds the limit for parallel notices', async () => {
    const mobile = '+85291235003';
    const who = await insertAccount(t, { mobile });
    const account = await storedAccount(who.id);
    const notices = Array.from({ length: 12 }, (_, n) =>
      t.services.passwordNotices.send({
        event: 'password_changed',
        account,
        occurredAt: t.clock.now(),
        eventKey: `password_changed:parallel-${n}`,
      }),
    );

    await Promise.all(notices);

    expect(await queuedCount('sms', mobile)).toBe(securitySmsRule.dailyLimit);
    expect(await queuedCount('email', who.email)).toBe(12);
  });
});

describe('concurrent password changes', () => {
  it('accept one change per old password', async () => {
    const who = await insertAccount(t);
    const session = await loginBearer(t, who);
    const attempts = 8;
    const candidates = Array.from({ length: attempts }, (_, n) => passwordNumber(n + 1));

    const responses = await Promise.all(
      candidates.map((password) => changePassword(session.auth, accountPassword, password)),
    );

    const succeeded = responses.filter((response) => response.status === 200);
    expect(succeeded).toHaveLength(1);
    // The others lost the race (wrong old password) or found their session ended by the winner.
    for (const response of responses.filter((each) => each.status !== 200)) {
      expect(['password.incorrect', 'auth.unauthenticated']).toContain(response.body.error.code);
    }
    const winner = candidates[responses.findIndex((response) => response.status === 200)] ?? '';
    const stored = await storedAccount(who.id);
    expect(await t.services.passwordHasher.verify(stored.passwordHash ?? '', winner)).toBe(true);
    expect(await queuedCount('email', who.email)).toBe(1);

    // The claim covers only the old password: the winner's new password changes again.
    const [first] = succeeded;
    if (!first) throw new Error('no change succeeded');
    await changePassword(bearerOf(first), winner, passwordNumber(attempts + 1)).expect(200);
  });
});
