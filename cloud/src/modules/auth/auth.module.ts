import type { Connection } from 'mongoose';
import type { Config } from '../../config';
import type { ApiRouter } from '../../http/api-router';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../logger';
import type { AccountSendLimits } from '../accounts/account-send-limits';
import type { ActivationLinks } from '../accounts/activation-links';
import type { PasswordHasher } from '../accounts/password-hasher';
import type { AuditLog } from '../audit/audit.service';
import type { OtpService } from '../otp/otp.types';
import type { PasswordNotices } from './password-notices';
import { createAccountLoginService } from './account-login.service';
import { registerAuthRoutes } from './auth.routes';
import { createPasswordGuard } from './password-guard';
import { createPasswordService } from './password.service';
import { createAuthRateLimits } from './rate-limits';
import { createCookieSecurity } from './session-cookies';
import { createSessionGuard } from './session-guard';
import { createSessionService } from './session.service';
import { loadSigningKeys } from './signing-keys';
import { createStaffLoginService } from './staff-login.service';
import { registerStaffSessionRoutes } from './staff-session.routes';

export interface AuthModuleDeps {
  config: Config;
  logger: Logger;
  db: Connection;
  clock: Clock;
  hasher: PasswordHasher;
  otp: OtpService;
  audit: AuditLog;
  activationLinks: ActivationLinks;
  passwordNotices: PasswordNotices;
}

/** Builds sessions, the session guard, account and staff login and the password services. */
export function createAuthServices(deps: AuthModuleDeps) {
  const { config, db, clock, hasher, otp, audit, activationLinks } = deps;
  const logger = deps.logger.child({ module: 'auth' });
  const trustedProxies = config.TRUSTED_PROXIES.split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);

  const keys = loadSigningKeys(config, logger);
  const sessions = createSessionService({ db, clock, config, logger, keys, audit });
  const guard = createSessionGuard(sessions);
  const passwordGuard = createPasswordGuard({ db, clock, config, hasher, logger });
  const rateLimits = createAuthRateLimits({ db, config, clock, logger });
  const cookieSecurity = createCookieSecurity({
    alwaysSecure: config.COOKIE_SECURE,
    trustedProxies,
  });
  const common = { db, clock, logger, passwordGuard, rateLimits, sessions, audit };

  return {
    audit,
    sessions,
    guard,
    passwordGuard,
    rateLimits,
    cookieSecurity,
    accountLogin: createAccountLoginService({ ...common, config, otp }),
    staffLogin: createStaffLoginService(common),
    passwords: createPasswordService({
      ...common,
      config,
      hasher,
      otp,
      activationLinks,
      notices: deps.passwordNotices,
    }),
  };
}

export type AuthServices = ReturnType<typeof createAuthServices>;

/** Registers account login, session and password routes, and the staff session routes. */
export function registerAuthModuleRoutes(api: ApiRouter, auth: AuthServices, db: Connection): void {
  registerAuthRoutes(api, auth, db);
  registerStaffSessionRoutes(api, auth);
}

/**
 * Deletes expired sessions, refresh tokens, challenges, failed attempts, rate-limit
 * windows, password links and per-account send-log entries.
 */
export async function sweepExpiredAuthRecords(
  auth: AuthServices,
  activationLinks: ActivationLinks,
  accountSendLimits: AccountSendLimits,
  logger: Logger,
) {
  const result = {
    ...(await auth.sessions.sweep()),
    challenges: await auth.accountLogin.sweep(),
    loginAttempts: await auth.passwordGuard.sweep(),
    rateLimitWindows: await auth.rateLimits.sweep(),
    activationLinks: await activationLinks.sweep(),
    accountSends: await accountSendLimits.sweep(),
  };
  const total = Object.values(result).reduce((sum, count) => sum + count, 0);
  if (total > 0) logger.info({ component: 'auth', ...result }, 'expired auth records swept');
  return result;
}
