import type { Connection } from 'mongoose';
import type { ApiRouter } from '../../http/api-router';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../logger';
import type { AuditLog } from '../audit/audit.service';
import { registerAuditRoutes } from '../audit/audit.routes';
import type { PasswordNotices } from '../auth/password-notices';
import type { SessionGuard } from '../auth/session-guard';
import type { SessionService } from '../auth/session.service';
import { createAccountClaims } from '../certification/account-claims';
import type { NotificationOutbox } from '../notifications/notification.types';
import type { AccountSendLimits } from './account-send-limits';
import type { ActivationLinks } from './activation-links';
import { createCompanyAccountsService } from './company-accounts.service';
import { registerCompanyAccountRoutes } from './company-accounts.routes';
import { createCompanyLock } from './company-lock';
import { createOperatorService } from './operator.service';
import { registerOperatorRoutes } from './operator.routes';
import type { PasswordHasher } from './password-hasher';

export interface AccountsModuleDeps {
  db: Connection;
  clock: Clock;
  logger: Logger;
  hasher: PasswordHasher;
  audit: AuditLog;
  sessions: SessionService;
  activationLinks: ActivationLinks;
  sendLimits: AccountSendLimits;
  outbox: NotificationOutbox;
  passwordNotices: PasswordNotices;
}

/** Builds the company admin console and the operator admin services. */
export function createAccountsServices(deps: AccountsModuleDeps) {
  const { db, clock, hasher, audit, sessions, activationLinks } = deps;
  const logger = deps.logger.child({ module: 'accounts' });
  return {
    companyAccounts: createCompanyAccountsService({
      db,
      clock,
      logger,
      sessions,
      audit,
      activationLinks,
      sendLimits: deps.sendLimits,
      claims: createAccountClaims({ db, clock, logger }),
      withCompanyLock: createCompanyLock({ db, clock }),
      outbox: deps.outbox,
      passwordNotices: deps.passwordNotices,
    }),
    operator: createOperatorService({ db, hasher, audit, logger }),
  };
}

export type AccountsServices = ReturnType<typeof createAccountsServices>;

/** Registers the company admin, operator admin and audit log routes. */
export function registerAccountsModuleRoutes(
  api: ApiRouter,
  accounts: AccountsServices,
  audit: AuditLog,
  guard: SessionGuard,
): void {
  const requireCompanyAdmin = guard.requireAccount({ role: 'admin' });
  const requireOperatorAdmin = guard.requireStaff('operator_admin');
  registerCompanyAccountRoutes(api, accounts.companyAccounts, requireCompanyAdmin);
  registerOperatorRoutes(api, accounts.operator, requireOperatorAdmin);
  registerAuditRoutes(api, audit, { requireCompanyAdmin, requireOperatorAdmin });
}
