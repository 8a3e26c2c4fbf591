import { errorStatus } from '@ucz/shared';
import type { ErrorCode, FieldIssueCode } from '@ucz/shared';

/** A field marked in an error, before its message is translated. */
export interface FieldProblem {
  field: string;
  code: FieldIssueCode;
  params?: Record<string, string | number>;
}

/**
 * The one error type of the API: a stable code, its HTTP status, and what the client
 * needs to show a message in the user's language. The error handler translates it.
 */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    readonly options: {
      /** Values for the message placeholders, such as `{seconds}`; `field` is a field name. */
      params?: Record<string, string | number>;
      fields?: FieldProblem[];
      /** Facts returned to the client as they are. */
      details?: Record<string, string | number | boolean>;
      /** Extra response headers, such as Retry-After. */
      headers?: Record<string, string>;
      cause?: unknown;
    } = {},
  ) {
    super(code, { cause: options.cause });
    this.name = 'AppError';
    this.status = errorStatus[code];
  }
}

/** Throws an AppError with `code` unless `condition` holds. */
export function assertThat(
  condition: unknown,
  code: ErrorCode,
  options?: ConstructorParameters<typeof AppError>[1],
): asserts condition {
  if (!condition) throw new AppError(code, options);
}

/** Builds the `request.invalid` error for one or more marked fields. */
export function invalidFields(...fields: FieldProblem[]): AppError {
  return new AppError('request.invalid', { fields });
}
