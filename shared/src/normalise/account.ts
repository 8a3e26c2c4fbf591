import { textKey } from './text';

/** Builds the uniqueness key of 账号 (login name): trimmed, NFKC, case-folded. */
export function usernameKey(username: string): string {
  return textKey(username);
}

/** Normalises 企业邮箱 for storage and uniqueness: trimmed, NFKC, lower case. */
export function normaliseEmail(email: string): string {
  return email.normalize('NFKC').trim().toLowerCase();
}

/** Hides most of an address for logs and screens: `al***@example.com`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  const local = email.slice(0, at);
  return `${local.slice(0, Math.min(2, local.length))}***${email.slice(at)}`;
}
