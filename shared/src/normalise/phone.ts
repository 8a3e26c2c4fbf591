// The full metadata checks number patterns; the default (min) set accepts any number of a
// possible length, such as a 7-digit Hong Kong number.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** Default country calling code of 直线电话 and 手机 (Hong Kong). */
export const defaultPhoneCallingCode = '852';

/**
 * Converts a phone number as people type it (spaces, brackets, hyphens, with or without
 * `+852` or `00852`) to E.164, or returns undefined when it is not a valid number.
 * `callingCode` is the country code selected beside the field, used when the number
 * carries none.
 */
export function toE164(
  raw: string,
  callingCode: string = defaultPhoneCallingCode,
): string | undefined {
  const trimmed = raw.normalize('NFKC').trim();
  if (trimmed === '' || /[^\d\s()+\-.]/u.test(trimmed)) return undefined;

  const digits = trimmed.replace(/\D/gu, '');
  const code = callingCode.replace(/\D/gu, '') || defaultPhoneCallingCode;
  const candidates: string[] = [];
  if (trimmed.startsWith('+')) candidates.push(`+${digits}`);
  else if (digits.startsWith('00')) candidates.push(`+${digits.slice(2)}`);
  else {
    candidates.push(`+${code}${digits}`);
    // "(852) 9123 4567" or "852 9123 4567": the country code typed without a plus sign.
    if (digits.startsWith(code)) candidates.push(`+${digits}`);
  }

  for (const candidate of candidates) {
    const parsed = parsePhoneNumberFromString(candidate);
    if (parsed?.isValid()) return parsed.number;
  }
  return undefined;
}

/** Hides the middle digits for logs and screens: `+852****4567`. */
export function maskPhone(e164: string): string {
  if (e164.length <= 8) return '****';
  return `${e164.slice(0, 4)}****${e164.slice(-4)}`;
}
