import { tidyText } from '@ucz/shared';
import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../logger';
import type { AuditLog, RequestMeta } from '../audit/audit.service';
import type { AccountClaims } from '../certification/account-claims';
import { applicationModel } from '../certification/application.model';
import type { ApplicationDoc } from '../certification/application.model';
import type { NotificationOutbox } from '../notifications/notification.types';
import { enqueueDecisionNotifications } from './decision-notifications';
import type { ReviewResultWechat } from './decision-notifications';
import { takeDecision } from './review-decision.model';
import type { RejectionResult } from './review.dto';

/** Maximum length of a rejection reason, in characters. */
export const maxRejectReasonLength = 500;

export interface RejectionDeps {
  db: Connection;
  clock: Clock;
  outbox: NotificationOutbox;
  /** Username and email reservations; rejection gives them back. */
  claims: Pick<AccountClaims, 'release'>;
  logger: Logger;
  /** Receives one review.rejected entry per rejection. */
  audit?: AuditLog;
  /** Sends the result through WeChat when the applicant's account is bound; email and SMS otherwise. */
  wechat?: ReviewResultWechat;
}

export type RejectionService = ReturnType<typeof createRejectionService>;

/**
 * Rejects pending applications with a reason: marks the application rejected, frees
 * its username and email claims so they can be used again, and notifies the applicant.
 */
export function createRejectionService(deps: RejectionDeps) {
  const { db, clock, outbox, claims, logger } = deps;
  const Applications = applicationModel(db);

  function resultOf(application: ApplicationDoc): RejectionResult {
    return {
      applicationId: application._id.toString(),
      number: application.number,
      status: 'rejected',
      reason: application.rejectReason ?? '',
      decidedAt: (application.decidedAt ?? clock.now()).toISOString(),
    };
  }

  /** Frees the claims and enqueues the messages; both are safe to repeat. */
  async function finish(application: ApplicationDoc, reviewerId: string): Promise<RejectionResult> {
    const applicationId = application._id.toString();
    await claims.release(application._id);
    const enqueued = await enqueueDecisionNotifications(
      outbox,
      application,
      { kind: 'rejected', reason: application.rejectReason ?? '' },
      deps.wechat
        ? { channel: deps.wechat, decidedAt: application.decidedAt ?? clock.now() }
        : undefined,
    );
    logger.info({ applicationId, reviewerId, notifications: enqueued }, 'application rejected');
    return resultOf(application);
  }

  /**
   * Rejects a pending application. Repeating the call on an application this revision
   * already rejected finishes any step left undone and returns the stored result.
   * Throws review.reason_required for an empty reason and application.already_decided
   * for an application that is approved or being approved.
   */
  async function reject(
    applicationId: string,
    reviewerId: string,
    rawReason: string | undefined,
    request?: RequestMeta,
  ): Promise<RejectionResult> {
    const reason = tidyText(rawReason ?? '');
    if (reason.length === 0) {
      throw new AppError('review.reason_required', {
        fields: [{ field: 'reason', code: 'required' }],
      });
    }
    if (reason.length > maxRejectReasonLength) {
      throw new AppError('request.invalid', {
        fields: [{ field: 'reason', code: 'too_long', params: { max: maxRejectReasonLength } }],
      });
    }

    const application = Types.ObjectId.isValid(applicationId)
      ? await Applications.findById(applicationId).lean<ApplicationDoc>()
      : null;
    if (!application) throw new AppError('application.not_found');
    if (application.status === 'rejected') {
      logger.info(
        { applicationId, reviewerId },
        'rejection repeated: finishing its remaining steps',
      );
      return finish(application, reviewerId);
    }
    if (application.status !== 'pending') throw new AppError('application.already_decided');

    const decision = await takeDecision(
      db,
      application,
      new Types.ObjectId(reviewerId),
      clock.now(),
      {
        kind: 'reject',
        reason,
      },
    );
    if (decision.kind !== 'reject') throw new AppError('application.already_decided');

    const decidedReason = decision.reason ?? reason;
    await Applications.updateOne(
      { _id: application._id, status: 'pending', revision: application.revision },
      {
        $set: { status: 'rejected', rejectReason: decidedReason, decidedAt: decision.decidedAt },
        $push: {
          history: {
            at: decision.decidedAt,
            event: 'rejected',
            actorId: decision.reviewerId,
            reason: decidedReason,
          },
        },
      },
    );
    const rejected = await Applications.findById(application._id).lean<ApplicationDoc>();
    if (!rejected || rejected.status !== 'rejected') {
      throw new Error(
        `application ${applicationId} was not marked rejected after its reject decision`,
      );
    }
    await deps.audit?.record({
      action: 'review.rejected',
      actor: { type: 'staff', id: reviewerId },
      target: { type: 'application', id: applicationId, label: rejected.number },
      companyId: rejected.companyId ?? undefined,
      request,
      details: { reason: decidedReason },
    });
    return finish(rejected, reviewerId);
  }

  return { reject };
}
