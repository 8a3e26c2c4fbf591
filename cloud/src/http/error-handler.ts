import { errorMessages, fieldIssueMessages, fieldLabel, formatMessage } from '@ucz/shared';
import type { ErrorBody, ErrorCode, Locale } from '@ucz/shared';
import type { Middleware } from 'koa';
import { AppError } from './app-error';
import type { AppState } from './context';

/** Translates an AppError into the JSON error body in the request's language. */
export function errorBody(error: AppError, locale: Locale, requestId?: string): ErrorBody {
  const params = { ...error.options.params };
  if (typeof params.field === 'string') params.field = fieldLabel(params.field, locale);

  const fields = error.options.fields?.map((problem) => {
    const label = fieldLabel(problem.field.split('.')[0] ?? problem.field, locale);
    return {
      field: problem.field,
      code: problem.code,
      message: formatMessage(fieldIssueMessages[locale][problem.code], {
        ...problem.params,
        field: label,
      }),
    };
  });

  return {
    error: {
      code: error.code,
      message: formatMessage(errorMessages[locale][error.code], params),
      ...(requestId ? { requestId } : {}),
      ...(fields && fields.length > 0 ? { fields } : {}),
      ...(error.options.details ? { details: error.options.details } : {}),
    },
  };
}

interface HttpLikeError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
}

/** Maps errors thrown by Koa's own helpers and body parsers to stable codes. */
function fromHttpError(error: HttpLikeError): AppError | undefined {
  const status = error.status ?? error.statusCode;
  // The router returns 501 for a method it does not know, such as TRACE.
  if (status === 501) return new AppError('request.method_not_allowed', { cause: error });
  if (typeof status !== 'number' || status < 400 || status >= 500) return undefined;
  const byStatus: Partial<Record<number, ErrorCode>> = {
    400: 'request.invalid',
    401: 'auth.unauthenticated',
    403: 'auth.forbidden',
    404: 'request.not_found',
    405: 'request.method_not_allowed',
    413: 'request.payload_too_large',
    415: 'request.unsupported_media_type',
    429: 'request.rate_limited',
  };
  const code = byStatus[status] ?? 'request.invalid';
  return new AppError(code, { cause: error });
}

/**
 * Turns every thrown error into the JSON error body. Client errors are logged at info
 * level; anything unexpected becomes a generic 500 without internals and is logged
 * with its stack.
 */
export function errorHandler(): Middleware<AppState> {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new AppError('request.not_found');
    } catch (caught) {
      let error: AppError;
      if (caught instanceof AppError) error = caught;
      else {
        const mapped = caught instanceof Error ? fromHttpError(caught as HttpLikeError) : undefined;
        if (mapped) error = mapped;
        else {
          ctx.state.log.error({ err: caught }, 'unhandled error');
          error = new AppError('request.internal', { cause: caught });
        }
      }

      if (error.status < 500) {
        ctx.state.log.info({ errorCode: error.code, status: error.status }, 'request rejected');
      }
      ctx.status = error.status;
      for (const [name, value] of Object.entries(error.options.headers ?? {})) ctx.set(name, value);
      ctx.body = errorBody(error, ctx.state.locale, ctx.state.requestId);
    }
  };
}
