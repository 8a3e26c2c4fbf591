import { AppError } from '../../src/http/app-error';
import { otpCodeModel } from '../../src/modules/otp/otp-code.model';
import { otpIpQuotaModel } from '../../src/modules/otp/otp-ip-quota.model';
import { otpSendModel } from '../../src/modules/otp/otp-send.model';
import type { OtpSendRequest } from '../../src/modules/otp/otp.types';
import { codeIn, startOtpFixture } from './otp-fixture';
import type { OtpFixture } from './otp-fixture';

let f: OtpFixture;
let counter = 0;

beforeAll(async () => {
  // Small daily limits keep the tests short; 10:00 in Shanghai leaves the day ahead.
  f = await startOtpFixture(
    { OTP_DAILY_LIMIT_PER_DESTINATION: '3', OTP_DAILY_LIMIT_PER_IP: '4' },
    new Date('2026-03-02T02:00:00Z'),
  );
});

afterAll(async () => {
  await f.close();
});

beforeEach(() => {
  f.mail.setFailing(false);
  f.sms.setFailing(false);
  f.mail.clear();
  f.sms.clear();
});

function fresh(): { email: string; ip: string } {
  counter += 1;
  return { email: `user${counter}@example.com`, ip: `192.0.2.${counter}` };
}

function request(email: string, ip: string, extra: Partial<OtpSendRequest> = {}): OtpSendRequest {
  return {
    purpose: 'login',
    channel: 'email',
    destination: email,
    locale: 'zh-CN',
    clientIp: ip,
    ...extra,
  };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const outcome = await promise.then(
    () => undefined,
    (error: unknown) => error,
  );
  if (!(outcome instanceof AppError))
    throw new Error(`expected an AppError, got ${String(outcome)}`);
  return outcome;
}

function mailsTo(email: string): number {
  return f.mail.messages().filter((mail) => mail.to.includes(email)).length;
}

describe('OTP sending', () => {
  it('mails the code with its purpose and lifetime in the request language', async () => {
    const { email, ip } = fresh();
    const result = await f.otp.send(request(email, ip, { purpose: 'certification_email' }));
    expect(result).toEqual({ resendAfterSeconds: 60, expiresInSeconds: 300 });

    const mail = await f.mail.waitFor((m) => m.to.includes(email), 2000);
    expect(mail.subject).toContain('统一客户专区验证码');
    expect(mail.text).toContain('用户认证（验证企业邮箱）');
    expect(mail.text).toContain('5 分钟内有效');
    expect(codeIn(mail.text)).toMatch(/^\d{6}$/);
  });

  it('writes the email in Traditional Chinese and English', async () => {
    const hk = fresh();
    await f.otp.send(request(hk.email, hk.ip, { locale: 'zh-HK' }));
    const hkMail = await f.mail.waitFor((m) => m.to.includes(hk.email), 2000);
    expect(hkMail.text).toContain('賬號登入');
    expect(hkMail.text).toContain('5 分鐘內有效');

    const en = fresh();
    await f.otp.send(request(en.email, en.ip, { locale: 'en', purpose: 'password_reset' }));
    const enMail = await f.mail.waitFor((m) => m.to.includes(en.email), 2000);
    expect(enMail.text).toContain('resetting your password');
    expect(enMail.text).toContain('expires in 5 minutes');
  });

  it('sends the code by SMS', async () => {
    const { ip } = fresh();
    const mobile = `+8529${String(1000000 + counter).slice(-7)}`;
    await f.otp.send(request(mobile, ip, { channel: 'sms', purpose: 'bind', locale: 'zh-HK' }));
    const sms = await f.sms.waitFor((m) => m.to === mobile, 2000);
    expect(sms.text).toContain('微信綁定賬號');
    expect(sms.text).toContain('5 分鐘內有效');
    await f.otp.verify({ purpose: 'bind', destination: mobile, code: codeIn(sms.text) });
  });

  it('copies the email to the customer manager', async () => {
    const { email, ip } = fresh();
    await f.otp.send(request(email, ip, { copyTo: ['manager@operator.example'] }));
    const mail = await f.mail.waitFor((m) => m.to.includes(email), 2000);
    expect(mail.to).toEqual([email, 'manager@operator.example']);
  });

  it('refuses a resend within 60 s and sends no mail', async () => {
    const { email, ip } = fresh();
    await f.otp.send(request(email, ip));
    f.clock.advance(30_000);

    const error = await rejection(f.otp.send(request(email, ip)));
    expect(error.code).toBe('otp.resend_too_soon');
    expect(error.status).toBe(429);
    expect(error.options.details).toEqual({ retryAfterSeconds: 30 });
    expect(error.options.headers).toEqual({ 'Retry-After': '30' });
    expect(error.options.params).toEqual({ seconds: 30 });
    expect(mailsTo(email)).toBe(1);

    f.clock.advance(30_000);
    await f.otp.send(request(email, ip));
    expect(mailsTo(email)).toBe(2);
  });

  it('runs the resend interval of each purpose apart', async () => {
    const { email, ip } = fresh();
    await f.otp.send(request(email, ip));
    await f.otp.send(request(email, ip, { purpose: 'password_reset' }));
    expect(mailsTo(email)).toBe(2);

    f.clock.advance(30_000);
    const login = await rejection(f.otp.send(request(email, ip)));
    expect(login.code).toBe('otp.resend_too_soon');
    const reset = await rejection(f.otp.send(request(email, ip, { purpose: 'password_reset' })));
    expect(reset.code).toBe('otp.resend_too_soon');
    expect(mailsTo(email)).toBe(2);
  });

  it('treats case variants of an address as one', async () => {
    const { email, ip } = fresh();
    const shouting = email.toUpperCase();
    await f.otp.send(request(shouting, ip));
    const mail = await f.mail.waitFor((m) => m.to.includes(email), 2000);

    const error = await rejection(f.otp.send(request(email, ip)));
    expect(error.code).toBe('otp.resend_too_soon');

    await f.otp.verify({ purpose: 'login', destination: ` ${email} `, code: codeIn(mail.text) });
  });

  it('sends one code for concurrent requests to one address', async () => {
    const { email, ip } = fresh();
    const outcomes = await Promise.allSettled(
      Array.from({ length: 8 }, () => f.otp.send(request(email, ip))),
    );

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    const refusals = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(
      refusals.every((outcome) => (outcome.reason as AppError).code === 'otp.resend_too_soon'),
    ).toBe(true);
    expect(mailsTo(email)).toBe(1);
    expect(await otpCodeModel(f.database.db).countDocuments({ destination: email })).toBe(1);
  });

  it('stops at the daily limit per address until the next day', async () => {
    const { email } = fresh();
    for (let send = 1; send <= 3; send += 1) {
      await f.otp.send(request(email, `198.51.100.${send}`));
      f.clock.advance(61_000);
    }

    const error = await rejection(f.otp.send(request(email, '198.51.100.9')));
    expect(error.code).toBe('otp.daily_limit');
    expect(error.status).toBe(429);
    const retryAfter = Number(error.options.details?.retryAfterSeconds);
    expect(error.options.headers?.['Retry-After']).toBe(String(retryAfter));
    // 10:03 in Shanghai: the limit resets at midnight, a little under 14 hours away.
    expect(retryAfter).toBeGreaterThan(13 * 3600);
    expect(retryAfter).toBeLessThanOrEqual(14 * 3600);
    expect(mailsTo(email)).toBe(3);

    f.clock.advance(retryAfter * 1000);
    await f.otp.send(request(email, '198.51.100.9'));
    expect(mailsTo(email)).toBe(4);
  });

  it('counts the daily limit of each purpose apart', async () => {
    const { email } = fresh();
    for (let send = 1; send <= 3; send += 1) {
      await f.otp.send(request(email, `198.51.100.${20 + send}`, { purpose: 'progress_query' }));
      f.clock.advance(61_000);
    }
    const progress = await rejection(
      f.otp.send(request(email, '198.51.100.29', { purpose: 'progress_query' })),
    );
    expect(progress.code).toBe('otp.daily_limit');

    await f.otp.send(request(email, '198.51.100.29'));
    await f.otp.send(request(email, '198.51.100.29', { purpose: 'password_reset' }));
    expect(mailsTo(email)).toBe(5);
  });

  it('stops at the daily limit per client address', async () => {
    const { ip } = fresh();
    const emails = Array.from(
      { length: 5 },
      (_, index) => `ip-limit-${counter}-${index}@example.com`,
    );
    for (const email of emails.slice(0, 4)) await f.otp.send(request(email, ip));

    const error = await rejection(f.otp.send(request(emails[4] as string, ip)));
    expect(error.code).toBe('otp.daily_limit');
    expect(mailsTo(emails[4] as string)).toBe(0);

    // Refused by the address limit, the destination keeps its own allowance.
    await f.otp.send(request(emails[4] as string, '203.0.113.200'));
    expect(mailsTo(emails[4] as string)).toBe(1);
  });

  it('holds the client address limit under concurrent sends', async () => {
    const { ip } = fresh();
    const emails = Array.from(
      { length: 10 },
      (_, index) => `ip-race-${counter}-${index}@example.com`,
    );
    const outcomes = await Promise.allSettled(
      emails.map((email) => f.otp.send(request(email, ip))),
    );

    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(4);
    const sent = emails.filter((email) => mailsTo(email) === 1);
    expect(sent).toHaveLength(4);
  });

  it('withdraws the code and does not count a failed send', async () => {
    const { email, ip } = fresh();
    f.mail.setFailing(true);
    const error = await rejection(f.otp.send(request(email, ip)));
    expect(error.code).toBe('otp.delivery_failed');
    expect(error.status).toBe(503);
    expect(await otpCodeModel(f.database.db).countDocuments({ destination: email })).toBe(0);
    expect(await otpSendModel(f.database.db).countDocuments({ destination: email })).toBe(0);
    expect(await otpIpQuotaModel(f.database.db).countDocuments({ clientIp: ip })).toBe(0);

    // No wait: the failed send did not start the resend interval.
    f.mail.setFailing(false);
    await f.otp.send(request(email, ip));
    const mail = await f.mail.waitFor((m) => m.to.includes(email), 2000);
    await f.otp.verify({ purpose: 'login', destination: email, code: codeIn(mail.text) });
  });

  it('keeps the previous code working when a resend fails', async () => {
    const { email, ip } = fresh();
    await f.otp.send(request(email, ip));
    const first = codeIn((await f.mail.waitFor((m) => m.to.includes(email), 2000)).text);

    f.clock.advance(61_000);
    f.mail.setFailing(true);
    expect((await rejection(f.otp.send(request(email, ip)))).code).toBe('otp.delivery_failed');

    await f.otp.verify({ purpose: 'login', destination: email, code: first });
  });
});
