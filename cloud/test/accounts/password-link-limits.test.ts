import { normaliseEmail } from '@ucz/shared';
import { passwordLinkRule } from '../../src/modules/accounts/company-accounts.service';
import { startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { insertAccount, insertCompany, loginBearer, roomyLimits } from '../support/accounts';
import type { TestAccount } from '../support/accounts';

let t: TestApp;
let admin: TestAccount;
let adminAuth: [string, string];

beforeAll(async () => {
  // 10:00 in Asia/Shanghai, so five sends a minute apart stay on one business day.
  t = await startTestApp({ now: new Date('2026-03-02T02:00:00Z'), env: roomyLimits });
  const company = await insertCompany(t);
  admin = await insertAccount(t, { companyId: company._id, role: 'admin' });
});

afterAll(async () => {
  await t.close();
});

// Tests move the clock past the access token's lifetime, so each starts a new admin session.
beforeEach(async () => {
  t.clock.advance(61_000);
  adminAuth = (await loginBearer(t, admin)).auth;
});

type LinkAction = 'activation' | 'password-reset';

function sendLink(target: TestAccount, action: LinkAction) {
  return t.api.post(`/api/company/accounts/${target.id}/${action}`).set(...adminAuth);
}

/** Counts the password-link mails to an address; the mailer has delivered each before its response. */
function linkMailCount(target: TestAccount): number {
  const address = normaliseEmail(target.email);
  return t.mail
    .messages()
    .filter((mail) => mail.to.includes(address) && mail.text.includes('token=')).length;
}

describe('activation link resend limit', () => {
  it('rejects a resend within the interval', async () => {
    const target = await insertAccount(t, { companyId: admin.companyId, password: null });
    await sendLink(target, 'activation').expect(200);

    const again = await sendLink(target, 'activation').expect(429);

    expect(again.body.error.code).toBe('account.link_too_soon');
    expect(again.body.error.details).toEqual({
      retryAfterSeconds: passwordLinkRule.intervalSeconds,
    });
    expect(again.headers['retry-after']).toBe(String(passwordLinkRule.intervalSeconds));
    expect(again.body.error.message).toContain(`${passwordLinkRule.intervalSeconds} 秒后再试`);
    expect(linkMailCount(target)).toBe(1);

    t.clock.advance(passwordLinkRule.intervalSeconds * 1000);
    await sendLink(target, 'activation').expect(200);
    expect(linkMailCount(target)).toBe(2);
  });

  it('rejects resends over the daily limit', async () => {
    const target = await insertAccount(t, { companyId: admin.companyId, password: null });
    for (let n = 0; n < passwordLinkRule.dailyLimit; n += 1) {
      await sendLink(target, 'activation').expect(200);
      t.clock.advance(61_000);
    }

    const over = await sendLink(target, 'activation').expect(429);

    expect(over.body.error.code).toBe('account.link_daily_limit');
    expect(over.body.error.message).toContain('请明天再试');
    // The business day ends at midnight in Asia/Shanghai, a little under 14 hours after these sends.
    const retryAfter = over.body.error.details.retryAfterSeconds as number;
    expect(retryAfter).toBeGreaterThan(13 * 3600);
    expect(retryAfter).toBeLessThanOrEqual(14 * 3600);
    expect(linkMailCount(target)).toBe(passwordLinkRule.dailyLimit);

    t.clock.advance(retryAfter * 1000);
    adminAuth = (await loginBearer(t, admin)).auth;
    await sendLink(target, 'activation').expect(200);
  });

  it('lets one of parallel resends through', async () => {
    const target = await insertAccount(t, { companyId: admin.companyId, password: null });

    const responses = await Promise.all(
      Array.from({ length: 10 }, () => sendLink(target, 'activation')),
    );

    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 429)).toHaveLength(9);
    expect(linkMailCount(target)).toBe(1);
  });
});

describe('admin password reset limit', () => {
  it('rejects a reset within the interval', async () => {
    const target = await insertAccount(t, { companyId: admin.companyId });
    await sendLink(target, 'password-reset').expect(200);

    const again = await sendLink(target, 'password-reset').expect(429);

    expect(again.body.error.code).toBe('account.link_too_soon');
    expect(again.headers['retry-after']).toBe(String(passwordLinkRule.intervalSeconds));
    expect(linkMailCount(target)).toBe(1);
  });

  it('shares the limit with the resend', async () => {
    const target = await insertAccount(t, { companyId: admin.companyId });
    await sendLink(target, 'password-reset').expect(200);

    // The reset removed the password, so a resend of the activation link is possible.
    const resend = await sendLink(target, 'activation').expect(429);

    expect(resend.body.error.code).toBe('account.link_too_soon');
    expect(linkMailCount(target)).toBe(1);
  });

  it('rejects resets over the daily limit', async () => {
    const target = await insertAccount(t, { companyId: admin.companyId });
    for (let n = 0; n < passwordLinkRule.dailyLimit; n += 1) {
      await sendLink(target, 'password-reset').expect(200);
      t.clock.advance(61_000);
    }

    const over = await sendLink(target, 'password-reset').expect(429);

    expect(over.body.error.code).toBe('account.link_daily_limit');
    expect(linkMailCount(target)).toBe(passwordLinkRule.dailyLimit);
  });

  it('lets one of parallel resets through', async () => {
    const target = await insertAccount(t, { companyId: admin.companyId });

    const responses = await Promise.all(
      Array.from({ length: 10 }, () => sendLink(target, 'password-reset')),
    );

    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 429)).toHaveLength(9);
    expect(linkMailCount(target)).toBe(1);
  });
});
