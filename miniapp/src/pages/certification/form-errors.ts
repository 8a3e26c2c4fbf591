import { ApiError } from '@/api/http';

/** Error messages by field name, plus one message for the form as a whole. */
export interface FormErrors {
  fields: Record<string, string>;
  form?: string;
}

export const noErrors: FormErrors = { fields: {} };

/**
 * Splits a failed call into messages shown next to their fields and one shown above the
 * form. `fieldOfCode` places errors that name no field, such as a wrong verification code.
 */
export function formErrorsOf(error: unknown, fieldOfCode: Record<string, string> = {}): FormErrors {
  if (!(error instanceof ApiError)) return { fields: {}, form: String(error) };
  const fields: Record<string, string> = {};
  for (const issue of error.fields) fields[issue.field] ??= issue.message;
  const codeField = fieldOfCode[error.code];
  if (codeField && !fields[codeField]) fields[codeField] = error.message;
  const shownByField = error.fields.length > 0 || codeField !== undefined;
  // A conflict names its fields and still deserves the guide's sentence above the form.
  const form = !shownByField || error.code === 'account.conflict' ? error.message : undefined;
  return { fields, form };
}
