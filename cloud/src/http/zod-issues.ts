import type { FieldIssueCode } from '@ucz/shared';
import { fieldIssueCodes } from '@ucz/shared';
import type { z } from 'zod';
import type { FieldProblem } from './app-error';

function isFieldIssueCode(value: unknown): value is FieldIssueCode {
  return typeof value === 'string' && (fieldIssueCodes as readonly string[]).includes(value);
}

/**
 * Options for parsing a request with a schema. Zod leaves the input out of its issues
 * unless asked, and fieldProblemsOf needs it to tell a missing value from a wrong one.
 */
export const requestParseOptions = { reportInput: true } as const;

/**
 * Converts zod issues into marked fields. A custom refinement may choose the field
 * code by setting `params.code` (for example `weak_password`).
 */
export function fieldProblemsOf(error: z.ZodError, prefix: string[] = []): FieldProblem[] {
  return error.issues.map((issue): FieldProblem => {
    const field = [...prefix, ...issue.path.map(String)].join('.') || 'body';
    const custom =
      issue.code === 'custom' ? (issue.params as { code?: unknown } | undefined)?.code : undefined;
    if (isFieldIssueCode(custom)) return { field, code: custom };

    switch (issue.code) {
      case 'invalid_type':
        return {
          field,
          code: issue.input === undefined || issue.input === null ? 'required' : 'invalid',
        };
      case 'too_small':
        if (issue.origin === 'string' && issue.minimum === 1) return { field, code: 'required' };
        if (issue.origin === 'array' && issue.minimum === 1) return { field, code: 'required' };
        if (issue.origin === 'number' || issue.origin === 'bigint') {
          return { field, code: 'below_min', params: { min: Number(issue.minimum) } };
        }
        return { field, code: 'too_short', params: { min: Number(issue.minimum) } };
      case 'too_big':
        if (issue.origin === 'array' || issue.origin === 'set') {
          return { field, code: 'too_many', params: { max: Number(issue.maximum) } };
        }
        if (issue.origin === 'number' || issue.origin === 'bigint') {
          return { field, code: 'above_max', params: { max: Number(issue.maximum) } };
        }
        return { field, code: 'too_long', params: { max: Number(issue.maximum) } };
      case 'unrecognized_keys':
        // The keys are not fields of the form, so they are named as they were sent.
        return { field: issue.keys.join(', '), code: 'unknown_field' };
      case 'invalid_value':
        return { field, code: 'not_in_catalogue' };
      default:
        return { field, code: 'invalid' };
    }
  });
}
