import type { Locale } from '@ucz/shared';
import type { ParameterizedContext } from 'koa';
import type { Logger } from '../logger';

/** Per-request state set by the cross-cutting middleware. */
export interface AppState {
  requestId: string;
  locale: Locale;
  log: Logger;
  /** Client address after the trusted-proxy rules. */
  clientIp: string;
  /** Set by the staff authentication middleware. */
  staff?: { id: string; username: string; role: 'reviewer' | 'operator_admin' };
}

export type AppContext = ParameterizedContext<AppState>;
