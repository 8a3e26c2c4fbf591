import type { Connection } from 'mongoose';
import type { Config } from '../../config';
import type { ApiRouter } from '../../http/api-router';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../logger';
import type { PasswordHasher } from '../accounts/password-hasher';
import { createAccountClaims } from '../certification/account-claims';
import type { FilesService } from '../files/files.service';
import type { NotificationOutbox } from '../notifications/notification.types';
import { createApprovalService } from './approval.service';
import { createRejectionService } from './rejection.service';
import { createReviewQueueService } from './review-queue.service';
import { registerReviewRoutes } from './review.routes';
import { createStaffAuthService } from './staff-auth';
import { registerStaffAuthRoutes } from './staff-auth.routes';
import { loadWorkingCalendar } from './working-calendar';

export interface ReviewModuleDeps {
  config: Config;
  logger: Logger;
  db: Connection;
  clock: Clock;
  hasher: PasswordHasher;
  outbox: NotificationOutbox;
  files: Pick<FilesService, 'openDownload'>;
}

export type ReviewServices = ReturnType<typeof createReviewServices>;

/** Builds the working calendar, staff login and the review queue and decisions. */
export function createReviewServices(deps: ReviewModuleDeps) {
  const { config, db, clock, hasher, outbox, files } = deps;
  const logger = deps.logger.child({ module: 'review' });
  const calendar = loadWorkingCalendar(config, logger);
  return {
    calendar,
    staffAuth: createStaffAuthService({ db, clock, config, hasher, logger }),
    queue: createReviewQueueService({ db, clock, calendar, files }),
    approval: createApprovalService({ db, clock, outbox, logger }),
    rejection: createRejectionService({
      db,
      clock,
      outbox,
      claims: createAccountClaims({ db, clock, logger }),
      logger,
    }),
  };
}

export function registerReviewModuleRoutes(api: ApiRouter, review: ReviewServices): void {
  registerStaffAuthRoutes(api, review.staffAuth);
  registerReviewRoutes(api, review);
}
