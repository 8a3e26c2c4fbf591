import type { RegistrationRegion } from '../catalogues/regions';

/** Hong Kong Business Registration number: 8 digits. */
const hongKongShort = /^\d{8}$/u;
/** The full number printed on a Hong Kong certificate: BR number, branch, expiry, check. */
const hongKongFull = /^\d{8}-\d{3}-\d{2}-\d{2}-[0-9A-Z]$/u;
/** Other regions: 1 to 50 letters, digits or hyphens. */
const otherRegion = /^[A-Za-z0-9-]{1,50}$/u;

/** Removes spaces and converts full-width characters before the number is checked. */
export function tidyBrNumber(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();
}

/** Checks 商业登记证编号 against the rule of the registration region. */
export function isValidBrNumber(raw: string, region: RegistrationRegion): boolean {
  const value = tidyBrNumber(raw);
  if (region === 'HK') return hongKongShort.test(value) || hongKongFull.test(value);
  return otherRegion.test(value);
}
