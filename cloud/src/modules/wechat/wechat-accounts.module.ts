import type { Connection } from 'mongoose';
import type { Config } from '../../config';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../logger';
import type { AuditLog } from '../audit/audit.service';
import type { AuthServices } from '../auth/auth.module';
import type { NotificationOutbox } from '../notifications/notification.types';
import type { OtpService } from '../otp/otp.types';
import { createAccountBindingService } from './account-binding.service';
import { createBindTickets } from './bind-tickets';
import { createScanTicketEvents } from './scan-ticket-events';
import { createScanTicketService } from './scan-tickets.service';
import { createWechatSecurityNotices } from './security-notices';
import type { WechatServices } from './wechat.module';
import { createWechatLoginService } from './wechat-login.service';

/**
 * Builds what ties WeChat users to accounts: mini-program login, website scan login,
 * binding and unbinding with their security notices. It needs the sessions of the auth
 * module, so it is built after it, on top of the WeChat services.
 */
export function createWechatAccountServices(deps: {
  config: Config;
  db: Connection;
  clock: Clock;
  logger: Logger;
  wechat: WechatServices;
  auth: AuthServices;
  otp: OtpService;
  audit: AuditLog;
  outbox: NotificationOutbox;
}) {
  const { config, db, clock, wechat, auth, audit } = deps;
  const logger = deps.logger.child({ module: 'wechat' });
  const bindTickets = createBindTickets({ db, clock });
  const scanEvents = createScanTicketEvents();
  const login = createWechatLoginService({
    db,
    clock,
    logger,
    identities: wechat.identities,
    bindings: wechat.bindings,
    bindTickets,
    sessions: auth.sessions,
    audit,
  });
  const scanTickets = createScanTicketService({
    db,
    clock,
    logger,
    client: wechat.miniProgramClient,
    events: scanEvents,
    page: config.WECHAT_SCAN_LOGIN_PAGE,
    envVersion: config.WECHAT_CODE_ENV_VERSION,
    lifetimeMs: config.WECHAT_SCAN_TICKET_SECONDS * 1000,
  });
  const notices = createWechatSecurityNotices({
    notifier: wechat.notifier,
    outbox: deps.outbox,
    profilePage: wechat.settings.profilePage,
    timeZone: config.BUSINESS_TIME_ZONE,
    logger,
  });
  const binding = createAccountBindingService({
    clock,
    logger,
    checkCredentials: auth.accountLogin.checkCredentials,
    rateLimits: auth.rateLimits,
    otp: deps.otp,
    bindings: wechat.bindings,
    bindTickets,
    login,
    scanTickets,
    sessions: auth.sessions,
    notices,
    audit,
  });

  return {
    login,
    bindTickets,
    bindings: wechat.bindings,
    scanTickets,
    scanEvents,
    scanPollMs: config.WECHAT_SCAN_POLL_MS,
    binding,
    notices,
    audit,
    logger,
    sessions: auth.sessions,
    guard: auth.guard,
    cookieSecurity: auth.cookieSecurity,
  };
}

export type WechatAccountServices = ReturnType<typeof createWechatAccountServices>;
