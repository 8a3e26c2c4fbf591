/**
 * Stable error codes with their HTTP status. Clients branch on the code; the message
 * text comes from the catalogues in `messages.ts` and may change.
 */
export const errorStatus = {
  'request.invalid': 400,
  'request.not_found': 404,
  'request.method_not_allowed': 405,
  'request.payload_too_large': 413,
  'request.unsupported_media_type': 415,
  'request.rate_limited': 429,
  'request.internal': 500,
  'request.unavailable': 503,

  'auth.unauthenticated': 401,
  'auth.forbidden': 403,
  'auth.invalid_credentials': 401,
  'auth.csrf_invalid': 403,
  'auth.challenge_invalid': 400,

  'agreement.not_accepted': 400,
  'agreement.version_mismatch': 409,
  'agreement.admin_not_accepted': 400,

  'draft.not_found': 404,
  'draft.submitted': 409,
  'draft.incomplete': 400,
  'draft.busy': 409,

  'company.not_found': 404,

  'file.empty': 400,
  'file.too_large': 413,
  'file.type_not_allowed': 415,
  'file.too_many': 400,
  'file.not_found': 404,
  'file.missing_required': 400,
  'file.admin_not_requested': 400,
  'file.kind_not_needed': 400,
  'file.too_many_parts': 400,

  'account.conflict': 409,
  'account.not_found': 404,
  'account.last_admin': 409,
  'account.busy': 409,
  'account.already_activated': 409,
  'account.link_too_soon': 429,
  'account.link_daily_limit': 429,
  'activation.invalid': 400,
  'password.weak': 400,
  'password.mismatch': 400,
  'password.incorrect': 400,

  'otp.invalid': 400,
  'otp.expired': 400,
  'otp.attempts_exceeded': 400,
  'otp.resend_too_soon': 429,
  'otp.daily_limit': 429,
  'otp.delivery_failed': 503,

  'application.not_found': 404,
  'application.not_resubmittable': 409,
  'application.already_decided': 409,

  'review.reason_required': 400,

  'staff.username_taken': 409,

  'wechat.not_configured': 503,
  'wechat.unavailable': 503,
  'wechat.code_invalid': 400,
  'wechat.code_used': 400,
  'wechat.user_blocked': 403,
  'wechat.identity_not_found': 404,
  'wechat.signature_invalid': 401,
  'wechat.identity_required': 401,
  'wechat.not_bound': 403,
  'wechat.account_inactive': 403,
  'wechat.binding_not_found': 404,
  'wechat.identity_already_bound': 409,
  'wechat.account_already_bound': 409,
  'wechat.bind_ticket_invalid': 400,
  'wechat.contact_mismatch': 400,
  'wechat.scan_ticket_not_found': 404,
  'wechat.scan_ticket_expired': 410,
  'wechat.scan_ticket_taken': 409,
  'wechat.scan_ticket_closed': 409,
  'wechat.scan_not_confirmed': 409,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorStatus, value);
}

/** Reasons attached to a single field inside a `request.invalid` error. */
export const fieldIssueCodes = [
  'required',
  'invalid',
  'too_long',
  'too_short',
  'too_many',
  'above_max',
  'below_min',
  'unknown_field',
  'not_in_catalogue',
  'conflict',
  'mismatch',
  'weak_password',
  'missing_file',
  'account_mismatch',
] as const;
export type FieldIssueCode = (typeof fieldIssueCodes)[number];

/** One marked field in an error response. */
export interface FieldIssue {
  field: string;
  code: FieldIssueCode;
  message: string;
}

/** The JSON body of every error response. */
export interface ErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    requestId?: string;
    fields?: FieldIssue[];
    /** Extra facts the client can show, such as seconds until a resend is allowed. */
    details?: Record<string, string | number | boolean>;
  };
}
