import type { AppDeps } from './app';
import { startPeriodicTask } from './lib/periodic-task';
import { sweepStaleCertificationRecords } from './modules/certification/certification-sweeper';
import { sweepExpiredAuthRecords } from './modules/auth/auth.module';
import { createOutboxWorker } from './modules/notifications/outbox-worker';
import { sweepExpiredOtpRecords } from './modules/otp/otp-sweeper';
import { sweepWechatRecords } from './modules/wechat/wechat-sweeper';
import type { Services } from './services';

/** How often expired records are swept; expiry is also checked on every read. */
const sweepIntervalMs = 10 * 60_000;

/** Starts the background workers (notification outbox, sweepers); returns their stoppers. */
export function startBackgroundWorkers(
  services: Services,
  deps: AppDeps,
): { name: string; stop: () => Promise<void> | void }[] {
  const { db, clock, logger, mailer, sms, config } = deps;

  const outbox = createOutboxWorker({ db, clock, logger, mailer, sms, config });
  outbox.start();

  const sweeps = [
    startPeriodicTask(
      'otp-sweeper',
      sweepIntervalMs,
      () => sweepExpiredOtpRecords({ db, clock, logger }),
      logger,
    ),
    startPeriodicTask(
      'auth-sweeper',
      sweepIntervalMs,
      () =>
        sweepExpiredAuthRecords(
          services.auth,
          services.activationLinks,
          services.accountSendLimits,
          logger,
        ),
      logger,
    ),
    startPeriodicTask(
      'wechat-sweeper',
      sweepIntervalMs,
      () => sweepWechatRecords({ db, clock, logger }),
      logger,
    ),
    startPeriodicTask(
      'certification-sweeper',
      sweepIntervalMs,
      () => sweepStaleCertificationRecords({ db, clock, logger, files: services.files, config }),
      logger,
    ),
  ];

  return [{ name: 'outbox worker', stop: () => outbox.stop() }, ...sweeps];
}
