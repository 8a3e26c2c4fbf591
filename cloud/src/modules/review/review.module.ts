import type { Connection } from 'mongoose';
import type { Config } from '../../config';
import type { ApiRouter } from '../../http/api-router';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../logger';
import type { AuditLog } from '../audit/audit.service';
import { createAccountClaims } from '../certification/account-claims';
import type { FilesService } from '../files/files.service';
import type { NotificationOutbox } from '../notifications/notification.types';
import { createApprovalService } from './approval.service';
import type { ReviewResultWechat } from './decision-notifications';
import { createRejectionService } from './rejection.service';
import { createReviewQueueService } from './review-queue.service';
import { registerReviewRoutes } from './review.routes';
import type { StaffAuthService } from './staff-auth';
import { loadWorkingCalendar } from './working-calendar';

export interface ReviewModuleDeps {
  config: Config;
  logger: Logger;
  db: Connection;
  clock: Clock;
  outbox: NotificationOutbox;
  files: Pick<FilesService, 'openDownload'>;
  /** Staff sessions of the auth module. */
  staffAuth: StaffAuthService;
  audit: AuditLog;
  /** Review results go through WeChat first when the applicant's account is bound. */
  wechat?: ReviewResultWechat;
}

export type ReviewServices = ReturnType<typeof createReviewServices>;

/** Builds the working calendar and the review queue and decisions. */
export function createReviewServices(deps: ReviewModuleDeps) {
  const { config, db, clock, outbox, files, staffAuth, audit, wechat } = deps;
  const logger = deps.logger.child({ module: 'review' });
  const calendar = loadWorkingCalendar(config, logger);
  return {
    calendar,
    staffAuth,
    queue: createReviewQueueService({ db, clock, calendar, files }),
    approval: createApprovalService({ db, clock, outbox, logger, audit, wechat }),
    rejection: createRejectionService({
      db,
      clock,
      outbox,
      claims: createAccountClaims({ db, clock, logger }),
      logger,
      audit,
      wechat,
    }),
  };
}

export function registerReviewModuleRoutes(api: ApiRouter, review: ReviewServices): void {
  registerReviewRoutes(api, review);
}
