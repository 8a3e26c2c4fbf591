import Taro from '@tarojs/taro';
import type { ErrorBody, FieldIssue, Locale } from '@ucz/shared';
import { defaultLocale } from '@ucz/shared';

/** A failed API call: the server's error code and message, or `network` when no response came. */
export class ApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly fields: FieldIssue[] = [],
    readonly details: Record<string, string | number | boolean> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Returns the message of the first issue marked on `field`, if any. */
  fieldMessage(field: string): string | undefined {
    return this.fields.find((issue) => issue.field === field)?.message;
  }
}

let requestLocale: Locale = defaultLocale;

/** Sets the language (Accept-Language) of every request, so server messages come in it. */
export function setRequestLocale(locale: Locale): void {
  requestLocale = locale;
}

export function apiUrl(path: string): string {
  return `${UCZ_API_BASE}${path}`;
}

export function baseHeaders(extra: Record<string, string> = {}): Record<string, string> {
  return { 'Accept-Language': requestLocale, ...extra };
}

function isErrorBody(body: unknown): body is ErrorBody {
  if (typeof body !== 'object' || body === null || !('error' in body)) return false;
  const error = (body as { error: unknown }).error;
  return (
    typeof error === 'object' &&
    error !== null &&
    typeof (error as { code: unknown }).code === 'string'
  );
}

/** Turns a non-2xx response into an ApiError, keeping the server's localised message. */
export function errorFromResponse(
  status: number,
  body: unknown,
  fallbackMessage: string,
): ApiError {
  if (isErrorBody(body)) {
    const { code, message, fields, details } = body.error;
    return new ApiError(code, message, status, fields ?? [], details ?? {});
  }
  return new ApiError('request.internal', fallbackMessage, status);
}

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  body?: unknown;
  headers?: Record<string, string>;
  /** Message for a failure without an error body, already in the user's language. */
  fallbackMessage: string;
}

/** Calls the JSON API and returns the parsed body of a 2xx response, or throws ApiError. */
export async function apiRequest<T>({
  method,
  path,
  body,
  headers,
  fallbackMessage,
}: ApiRequest): Promise<T> {
  let response: Taro.request.SuccessCallbackResult;
  try {
    response = await Taro.request({
      url: apiUrl(path),
      method,
      data: body as Record<string, unknown> | undefined,
      header: {
        ...baseHeaders(headers),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      dataType: 'json',
    });
  } catch {
    throw new ApiError('network', fallbackMessage, 0);
  }
  if (response.statusCode >= 200 && response.statusCode < 300) return response.data as T;
  throw errorFromResponse(response.statusCode, response.data, fallbackMessage);
}
