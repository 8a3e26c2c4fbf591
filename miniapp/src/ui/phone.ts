/**
 * Country calling codes with two digits, as in libphonenumber's metadata. Codes are
 * prefix-free (1 and 7 have one digit, these two, all others three), so the digits after
 * `+` determine the code.
 */
const twoDigitCodes = new Set(
  '20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98'.split(
    ' ',
  ),
);

/** Returns the country calling code of an E.164 number (`+85227654321` → `852`), if it has one. */
export function callingCodeOf(e164: string | undefined): string | undefined {
  const digits = /^\+(\d{4,15})$/u.exec(e164 ?? '')?.[1];
  if (!digits) return undefined;
  if (digits.startsWith('1') || digits.startsWith('7')) return digits.slice(0, 1);
  return twoDigitCodes.has(digits.slice(0, 2)) ? digits.slice(0, 2) : digits.slice(0, 3);
}

/**
 * Returns the local part of an E.164 number after the calling code shown beside the field.
 * A number with another code is returned whole, and the server accepts it as is.
 */
export function localNumber(e164: string | undefined, callingCode: string): string {
  if (!e164) return '';
  const prefix = `+${callingCode}`;
  return callingCode !== '' && e164.startsWith(prefix) ? e164.slice(prefix.length) : e164;
}
