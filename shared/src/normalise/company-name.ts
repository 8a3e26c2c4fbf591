import { textKey } from './text';

/**
 * Builds the lookup key of 公司全称. Names that differ only by case, full-width or
 * half-width characters, or repeated or surrounding spaces share one key.
 */
export function companyNameKey(fullName: string): string {
  return textKey(fullName);
}
