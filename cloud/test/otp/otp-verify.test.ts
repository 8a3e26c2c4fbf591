import { AppError } from '../../src/http/app-error';
import { otpCodeModel } from '../../src/modules/otp/otp-code.model';
import { sweepExpiredOtpRecords } from '../../src/modules/otp/otp-sweeper';
import type { OtpPurpose, OtpSendRequest } from '../../src/modules/otp/otp.types';
import { createLogger } from '../../src/logger';
import { codeIn, startOtpFixture } from './otp-fixture';
import type { OtpFixture } from './otp-fixture';

let f: OtpFixture;
let counter = 0;

beforeAll(async () => {
  f = await startOtpFixture();
});

afterAll(async () => {
  await f.close();
});

/** Returns an address that no other test uses, so that limits and codes never collide. */
function freshEmail(): string {
  counter += 1;
  return `applicant${counter}@example.com`;
}

function emailRequest(
  destination: string,
  purpose: OtpPurpose = 'certification_email',
): OtpSendRequest {
  return { purpose, channel: 'email', destination, locale: 'zh-CN', clientIp: `10.0.0.${counter}` };
}

/** Sends a code by email and returns the code read from the SMTP sink. */
async function sendAndRead(
  destination: string,
  purpose: OtpPurpose = 'certification_email',
): Promise<string> {
  f.mail.clear();
  await f.otp.send(emailRequest(destination, purpose));
  const mail = await f.mail.waitFor((m) => m.to.includes(destination), 2000);
  return codeIn(mail.text);
}

/** Returns the error code of a rejected verification, or 'ok'. */
async function verifyOutcome(
  purpose: OtpPurpose,
  destination: string,
  code: string,
): Promise<string> {
  try {
    await f.otp.verify({ purpose, destination, code });
    return 'ok';
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

/** Returns a 6-digit code that differs from `code`. */
function wrong(code: string, offset = 1): string {
  return String((Number(code) + offset) % 1_000_000).padStart(6, '0');
}

describe('OTP verification', () => {
  it('accepts the right code once', async () => {
    const email = freshEmail();
    const code = await sendAndRead(email);
    expect(code).toMatch(/^\d{6}$/);
    expect(await verifyOutcome('certification_email', email, code)).toBe('ok');
  });

  it('rejects a wrong code', async () => {
    const email = freshEmail();
    const code = await sendAndRead(email);
    expect(await verifyOutcome('certification_email', email, wrong(code))).toBe('otp.invalid');
    expect(await verifyOutcome('certification_email', email, 'abc123')).toBe('otp.invalid');
    expect(await verifyOutcome('certification_email', email, code)).toBe('ok');
  });

  it('rejects a code when none was sent', async () => {
    expect(await verifyOutcome('login', freshEmail(), '123456')).toBe('otp.invalid');
  });

  it('accepts a code until its lifetime ends', async () => {
    const email = freshEmail();
    const code = await sendAndRead(email);
    f.clock.advance(f.config.OTP_TTL_SECONDS * 1000 - 1000);
    expect(await verifyOutcome('certification_email', email, code)).toBe('ok');
  });

  it('rejects a code once its lifetime is over', async () => {
    const email = freshEmail();
    const code = await sendAndRead(email);
    f.clock.advance(5 * 60 * 1000);
    expect(await verifyOutcome('certification_email', email, code)).toBe('otp.expired');
  });

  it('rejects a code that was already used', async () => {
    const email = freshEmail();
    const code = await sendAndRead(email);
    expect(await verifyOutcome('certification_email', email, code)).toBe('ok');
    expect(await verifyOutcome('certification_email', email, code)).toBe('otp.invalid');
  });

  it('rejects an older code once a newer one was sent', async () => {
    const email = freshEmail();
    const first = await sendAndRead(email);
    let second = first;
    // Two sends draw the same code once in a million; send again until they differ.
    while (second === first) {
      f.clock.advance(61_000);
      second = await sendAndRead(email);
    }
    expect(await verifyOutcome('certification_email', email, first)).toBe('otp.invalid');
    expect(await verifyOutcome('certification_email', email, second)).toBe('ok');
  });

  it('rejects a code for another address', async () => {
    const email = freshEmail();
    const other = freshEmail();
    const code = await sendAndRead(email);
    expect(await verifyOutcome('certification_email', other, code)).toBe('otp.invalid');
    expect(await verifyOutcome('certification_email', email, code)).toBe('ok');
  });

  it('rejects a code for another purpose', async () => {
    const email = freshEmail();
    const code = await sendAndRead(email, 'certification_email');
    expect(await verifyOutcome('progress_query', email, code)).toBe('otp.invalid');
    expect(await verifyOutcome('certification_email', email, code)).toBe('ok');
  });

  it('burns the code after 5 wrong tries', async () => {
    const email = freshEmail();
    const code = await sendAndRead(email);
    const outcomes: string[] = [];
    for (let attempt = 1; attempt <= 6; attempt += 1) {
      outcomes.push(await verifyOutcome('certification_email', email, wrong(code, attempt)));
    }
    expect(outcomes).toEqual([
      'otp.invalid',
      'otp.invalid',
      'otp.invalid',
      'otp.invalid',
      'otp.attempts_exceeded',
      'otp.attempts_exceeded',
    ]);
    expect(await verifyOutcome('certification_email', email, code)).toBe('otp.attempts_exceeded');
  });

  it('accepts the right code after 4 wrong tries', async () => {
    const email = freshEmail();
    const code = await sendAndRead(email);
    for (let attempt = 1; attempt <= 4; attempt += 1) {
      expect(await verifyOutcome('certification_email', email, wrong(code, attempt))).toBe(
        'otp.invalid',
      );
    }
    expect(await verifyOutcome('certification_email', email, code)).toBe('ok');
  });

  it('lets only one of many concurrent right tries succeed', async () => {
    const email = freshEmail();
    const code = await sendAndRead(email);
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, () => verifyOutcome('certification_email', email, code)),
    );
    expect(outcomes.filter((outcome) => outcome === 'ok')).toHaveLength(1);
    // The others find the code used, or every attempt slot already taken.
    const others = outcomes.filter((outcome) => outcome !== 'ok');
    expect(
      others.every((outcome) => outcome === 'otp.invalid' || outcome === 'otp.attempts_exceeded'),
    ).toBe(true);
  });

  it('counts concurrent wrong tries exactly', async () => {
    const email = freshEmail();
    const code = await sendAndRead(email);
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        verifyOutcome('certification_email', email, wrong(code, index + 1)),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === 'otp.invalid')).toHaveLength(4);
    expect(outcomes.filter((outcome) => outcome === 'otp.attempts_exceeded')).toHaveLength(16);
    expect(await verifyOutcome('certification_email', email, code)).toBe('otp.attempts_exceeded');
  });

  it('stores the code only as a salted hash', async () => {
    const email = freshEmail();
    const code = await sendAndRead(email);
    const stored = await otpCodeModel(f.database.db).findOne({ destination: email }).lean();
    expect(stored).not.toBeNull();
    expect(JSON.stringify(stored)).not.toContain(code);
    expect(stored?.codeHash).toMatch(/^[0-9a-f]{64}$/);
    expect(stored?.salt).toMatch(/^[0-9a-f]{32}$/);
  });

  it('sweeps expired records and keeps live ones', async () => {
    const expiring = freshEmail();
    await sendAndRead(expiring);
    f.clock.advance(f.config.OTP_TTL_SECONDS * 1000);
    const live = freshEmail();
    const liveCode = await sendAndRead(live);

    const swept = await sweepExpiredOtpRecords({
      db: f.database.db,
      clock: f.clock,
      logger: createLogger('silent'),
    });
    expect(swept.codes).toBeGreaterThanOrEqual(1);
    const codes = otpCodeModel(f.database.db);
    expect(await codes.countDocuments({ destination: expiring })).toBe(0);
    expect(await codes.countDocuments({ destination: live })).toBe(1);
    expect(await verifyOutcome('certification_email', live, liveCode)).toBe('ok');
  });
});
