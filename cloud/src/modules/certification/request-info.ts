import type { Locale } from '@ucz/shared';
import type { AppContext } from '../../http/context';
import type { Logger } from '../../logger';

/** Facts about the current request that the certification services record or pass on. */
export interface RequestInfo {
  locale: Locale;
  clientIp: string;
  userAgent: string;
  log: Logger;
}

const maxUserAgentLength = 512;

export function requestInfoOf(ctx: AppContext): RequestInfo {
  return {
    locale: ctx.state.locale,
    clientIp: ctx.state.clientIp,
    userAgent: ctx.get('user-agent').slice(0, maxUserAgentLength),
    log: ctx.state.log,
  };
}
