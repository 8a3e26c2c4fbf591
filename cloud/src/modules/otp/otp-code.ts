import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';

/** Number of digits in a one-time code. */
export const otpCodeLength = 6;

const codePattern = /^\d{6}$/u;

/** Draws a uniformly random 6-digit code, leading zeros included, from the CSPRNG. */
export function generateOtpCode(): string {
  return String(randomInt(0, 10 ** otpCodeLength)).padStart(otpCodeLength, '0');
}

export interface HashedOtpCode {
  codeHash: string;
  salt: string;
}

function hmacOf(code: string, salt: Buffer, purpose: string, destination: string): Buffer {
  // Purpose and destination are part of the MAC input too, so a stored hash cannot be
  // moved to another purpose or address.
  return createHmac('sha256', salt).update(`${purpose}\n${destination}\n${code}`, 'utf8').digest();
}

/** Hashes a code with HMAC-SHA256 under a fresh 16-byte random salt. */
export function hashOtpCode(code: string, purpose: string, destination: string): HashedOtpCode {
  const salt = randomBytes(16);
  return {
    codeHash: hmacOf(code, salt, purpose, destination).toString('hex'),
    salt: salt.toString('hex'),
  };
}

/** Compares a submitted code with a stored hash in constant time. */
export function otpCodeMatches(
  submitted: string,
  stored: HashedOtpCode,
  purpose: string,
  destination: string,
): boolean {
  const expected = Buffer.from(stored.codeHash, 'hex');
  // A malformed submission is still hashed, so that it takes as long as a wrong code.
  const candidate = codePattern.test(submitted) ? submitted : '';
  const actual = hmacOf(candidate, Buffer.from(stored.salt, 'hex'), purpose, destination);
  return actual.length === expected.length && timingSafeEqual(actual, expected) && candidate !== '';
}
