/** Minimum length of 密码. */
export const passwordMinLength = 8;
/** Maximum length, which bounds the hashing work per request. */
export const passwordMaxLength = 128;

export interface PasswordCheck {
  length: boolean;
  upper: boolean;
  lower: boolean;
  digit: boolean;
  special: boolean;
}

/**
 * Checks the password rule: at least 8 characters with an upper-case letter, a
 * lower-case letter, a digit and a special character. Any character that is not an
 * ASCII letter or digit counts as special, including `@`, `\` and the space.
 */
export function checkPassword(password: string): PasswordCheck {
  return {
    length: password.length >= passwordMinLength && password.length <= passwordMaxLength,
    upper: /[A-Z]/u.test(password),
    lower: /[a-z]/u.test(password),
    digit: /[0-9]/u.test(password),
    special: /[^A-Za-z0-9]/u.test(password),
  };
}

export function isStrongPassword(password: string): boolean {
  return Object.values(checkPassword(password)).every(Boolean);
}
