import type { AppDeps } from './app';
import { createAccountCentreServices } from './modules/account-centre/account-centre.module';
import { createAccountsServices } from './modules/accounts/accounts.module';
import { createAccountSendLimits } from './modules/accounts/account-send-limits';
import { createActivationLinks } from './modules/accounts/activation-links';
import { createPasswordHasher } from './modules/accounts/password-hasher';
import { createAuditLog } from './modules/audit/audit.service';
import { createAuthServices } from './modules/auth/auth.module';
import { createPasswordNotices } from './modules/auth/password-notices';
import { createCertificationServices } from './modules/certification/certification.services';
import { createFilesService } from './modules/files/files.service';
import { createNotificationOutbox } from './modules/notifications/outbox';
import { createOtpService } from './modules/otp/otp.service';
import { createReviewServices } from './modules/review/review.module';
import { createWechatServices } from './modules/wechat/wechat.module';
import { createWechatAccountServices } from './modules/wechat/wechat-accounts.module';

/**
 * Builds every service (the composition root) from the injected dependencies. Each
 * module contributes one factory call here, and routes receive the finished services.
 */
export function createServices(deps: AppDeps) {
  const { config, logger, db, clock } = deps;
  void config;
  void logger;
  void db;
  void clock;
  const otp = createOtpService({ db, config, clock, mailer: deps.mailer, sms: deps.sms, logger });
  const outbox = createNotificationOutbox({ db, clock, logger });
  const passwordHasher = createPasswordHasher(config);
  const audit = createAuditLog({ db, clock, logger });
  const activationLinks = createActivationLinks({ db, clock, config, mailer: deps.mailer, logger });
  const accountSendLimits = createAccountSendLimits({
    db,
    clock,
    timeZone: config.BUSINESS_TIME_ZONE,
  });
  const wechat = createWechatServices({
    config,
    db,
    clock,
    logger,
    simulator: deps.simulator?.wechat,
  });
  const passwordNotices = createPasswordNotices({
    outbox,
    wechat: wechat.securityNotices,
    sendLimits: accountSendLimits,
    timeZone: config.BUSINESS_TIME_ZONE,
    logger,
  });
  const auth = createAuthServices({
    config,
    logger,
    db,
    clock,
    hasher: passwordHasher,
    otp,
    audit,
    activationLinks,
    passwordNotices,
  });
  const accounts = createAccountsServices({
    db,
    clock,
    logger,
    hasher: passwordHasher,
    audit,
    sessions: auth.sessions,
    activationLinks,
    sendLimits: accountSendLimits,
    outbox,
    passwordNotices,
  });
  const files = createFilesService({ db, logger });
  const wechatAccounts = createWechatAccountServices({
    config,
    db,
    clock,
    logger,
    wechat,
    auth,
    otp,
    audit,
    outbox,
  });
  const review = createReviewServices({
    config,
    logger,
    db,
    clock,
    outbox,
    files,
    staffAuth: auth.guard,
    audit,
    wechat: wechat.reviewResults,
  });
  const certification = createCertificationServices({
    config,
    logger,
    db,
    clock,
    otp,
    outbox,
    hasher: passwordHasher,
    passwordGuard: auth.passwordGuard,
    files,
    deadlineFor: (submittedAt) => review.calendar.deadlineFor(submittedAt),
  });
  const accountCentre = createAccountCentreServices({ db });
  return {
    otp,
    outbox,
    passwordHasher,
    files,
    review,
    certification,
    wechat,
    wechatAccounts,
    audit,
    activationLinks,
    accountSendLimits,
    passwordNotices,
    auth,
    accounts,
    accountCentre,
  };
}

export type Services = ReturnType<typeof createServices>;

/** Background workers for main.ts: the notification outbox worker and the expired-code sweeper. */
export { createOutboxWorker } from './modules/notifications/outbox-worker';
export { sweepExpiredOtpRecords } from './modules/otp/otp-sweeper';
