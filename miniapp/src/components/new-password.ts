import { isStrongPassword } from '@ucz/shared';
import type { I18n } from '@/i18n/i18n';

/**
 * Checks a new password and its confirmation before they are sent: both entered, the
 * password rule met (the server checks it again), and the two equal. Returns messages by
 * field name; `field` is the API name of the password field.
 */
export function newPasswordProblems(
  { t, label }: Pick<I18n, 't' | 'label'>,
  field: string,
  password: string,
  confirmation: string,
): Record<string, string> {
  const problems: Record<string, string> = {};
  if (password === '') problems[field] = t('common.requiredField', { field: label(field) });
  else if (!isStrongPassword(password)) problems[field] = t('account.passwordRule');
  if (confirmation === '')
    problems.confirmPassword = t('common.requiredField', { field: label('confirmPassword') });
  else if (password !== '' && confirmation !== password)
    problems.confirmPassword = t('account.passwordMismatch');
  return problems;
}
