import { AppError } from '../../http/app-error';
import type { Logger } from '../../logger';
import { WechatApiError, WechatTransportError } from './wechat-errors';

/** Errcodes of code2Session that describe the user's login code or account, by API error code. */
const code2SessionErrors: Record<number, ConstructorParameters<typeof AppError>[0]> = {
  40029: 'wechat.code_invalid',
  40163: 'wechat.code_used',
  40226: 'wechat.user_blocked',
  45011: 'request.rate_limited',
};

/**
 * Turns a failed WeChat call into the AppError returned to the user: a known errcode of the
 * login code into its own message, anything else into `wechat.unavailable` (logged,
 * because it means WeChat or our setup is broken). Other errors are returned unchanged.
 */
export function toAppError(error: unknown, log: Logger): unknown {
  if (error instanceof WechatApiError) {
    const code = error.api === 'code2Session' ? code2SessionErrors[error.errcode] : undefined;
    if (code) return new AppError(code, { cause: error });
    log.error(
      { api: error.api, errcode: error.errcode, errmsg: error.errmsg },
      'WeChat call failed',
    );
    return new AppError('wechat.unavailable', { cause: error });
  }
  if (error instanceof WechatTransportError) {
    log.error({ err: error }, 'WeChat could not be reached');
    return new AppError('wechat.unavailable', { cause: error });
  }
  return error;
}
