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
  /** Set by requireAccount. */
  account?: { id: string; username: string; companyId: string; role: 'admin' | 'user' };
  /** The session that authenticated the request; set by requireAccount and requireStaff. */
  session?: { familyId: string; transport: 'cookie' | 'bearer'; wechatIdentityId?: string };
}

export type AppContext = ParameterizedContext<AppState>;
