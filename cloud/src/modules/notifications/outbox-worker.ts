import type { Locale } from '@ucz/shared';
import type { Connection, Types } from 'mongoose';
import type { Config } from '../../config';
import type { Clock } from '../../lib/clock';
import { isDuplicateKeyError } from '../../lib/mongo-errors';
import type { Logger } from '../../logger';
import { isPermanentDeliveryError } from './delivery-error';
import { renderNotification } from './notification-templates';
import type { RenderedNotification } from './notification-templates';
import type { Mailer, NotificationTemplate, SmsSender } from './notification.types';
import { outboxClaimModel, outboxMessageModel } from './outbox.model';
import type { OutboxMessageDoc } from './outbox.model';

/** Delivery policy of the outbox worker. */
export const outboxPolicy = {
  /** Delay after the first failed attempt; it doubles after each further failure. */
  firstRetryDelayMs: 30_000,
  maxRetryDelayMs: 30 * 60_000,
  /** After this many failed attempts (about 7.5 hours of retries) the message is marked failed. */
  maxAttempts: 20,
  /**
   * How long a claimed attempt is reserved for its worker. It must outlast one send
   * (the mailer gives up within about a minute), or a slow attempt could be repeated.
   */
  leaseMs: 5 * 60_000,
  /** Messages taken per query. */
  batchSize: 20,
  /** Expired claims of crashed workers skipped before a message is left for the next run. */
  maxExpiredClaimsSkipped: 3,
};

/** Returns the wait before the next attempt after `failedAttempts` failures: 30 s doubling, capped at 30 min. */
export function retryDelayMs(failedAttempts: number): number {
  const exponent = Math.max(0, failedAttempts - 1);
  return Math.min(outboxPolicy.firstRetryDelayMs * 2 ** exponent, outboxPolicy.maxRetryDelayMs);
}

export interface OutboxWorkerDeps {
  db: Connection;
  clock: Clock;
  logger: Logger;
  mailer: Mailer;
  sms: SmsSender;
  config: Config;
}

export interface OutboxWorker {
  /** Delivers every due message once; returns how many delivery attempts it made. */
  runOnce(): Promise<number>;
  /** Polls every OUTBOX_POLL_MS until stop(). */
  start(): void;
  /** Stops polling and waits for the running pass to finish. */
  stop(): Promise<void>;
}

function describeError(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 500 ? `${text.slice(0, 500)}...` : text;
}

/**
 * Creates the worker that delivers the notification outbox. Each attempt of each
 * message is claimed under a unique index before anything is sent, so two workers (or
 * two instances) do not send one message twice. The exception is an attempt that
 * outlives its lease: then the next worker sends the message again. A failed attempt
 * is retried with exponential backoff, and a crashed worker's attempt is taken over
 * when its lease runs out.
 */
export function createOutboxWorker(deps: OutboxWorkerDeps): OutboxWorker {
  const { clock, mailer, sms, config } = deps;
  const messages = outboxMessageModel(deps.db);
  const claims = outboxClaimModel(deps.db);
  const log = deps.logger.child({ component: 'outbox-worker' });

  /** Claims the next attempt of a message. Returns its number, or undefined while another worker has claimed it. */
  async function claimAttempt(messageId: Types.ObjectId, finishedAttempts: number, now: Date) {
    const last = finishedAttempts + 1 + outboxPolicy.maxExpiredClaimsSkipped;
    for (let attempt = finishedAttempts + 1; attempt <= last; attempt += 1) {
      try {
        await claims.create({
          messageId,
          attempt,
          claimedAt: now,
          leaseUntil: new Date(now.getTime() + outboxPolicy.leaseMs),
        });
        return attempt;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const holder = await claims.findOne({ messageId, attempt }).lean();
      if (holder && holder.leaseUntil.getTime() > now.getTime()) return undefined;
      log.warn(
        { messageId: String(messageId), attempt },
        'outbox attempt claim expired; taking the next attempt',
      );
    }
    return undefined;
  }

  function render(message: OutboxMessageDoc): RenderedNotification {
    return renderNotification(
      message.template as NotificationTemplate,
      message.locale as Locale,
      message.params as Record<string, string>,
      { reviewWorkingDays: config.REVIEW_WORKING_DAYS },
    );
  }

  async function send(message: OutboxMessageDoc, rendered: RenderedNotification): Promise<void> {
    if (message.channel === 'sms') {
      await sms.send({ to: message.to, text: rendered.sms });
      return;
    }
    await mailer.send({ to: message.to, subject: rendered.subject, text: rendered.text });
  }

  function logContext(message: OutboxMessageDoc, attempt: number) {
    return {
      messageId: String(message._id),
      dedupeKey: message.dedupeKey,
      template: message.template,
      channel: message.channel,
      attempt,
    };
  }

  async function markFailed(
    message: OutboxMessageDoc,
    attempt: number,
    error: unknown,
    reason: string,
  ) {
    await messages.updateOne(
      { _id: message._id },
      {
        $set: {
          status: 'failed',
          attempts: attempt,
          failedAt: clock.now(),
          lastError: describeError(error),
        },
      },
    );
    log.error(
      { ...logContext(message, attempt), err: error },
      `notification failed: ${reason}; no further attempts`,
    );
  }

  /** Records a failed send: a retry after the backoff delay, or failure when retrying cannot help. */
  async function recordSendFailure(message: OutboxMessageDoc, attempt: number, error: unknown) {
    if (isPermanentDeliveryError(error)) {
      await markFailed(message, attempt, error, 'rejected permanently');
      return;
    }
    if (attempt >= outboxPolicy.maxAttempts) {
      await markFailed(message, attempt, error, `${attempt} attempts failed`);
      return;
    }
    const nextAttemptAt = new Date(clock.now().getTime() + retryDelayMs(attempt));
    await messages.updateOne(
      { _id: message._id },
      { $set: { attempts: attempt, nextAttemptAt, lastError: describeError(error) } },
    );
    log.warn(
      { ...logContext(message, attempt), err: error, nextAttemptAt },
      'notification attempt failed; retry scheduled',
    );
  }

  /** Renders and sends a message whose attempt this worker has claimed, then records the outcome. */
  async function deliverClaimed(message: OutboxMessageDoc, attempt: number): Promise<void> {
    let rendered: RenderedNotification;
    try {
      rendered = render(message);
    } catch (error) {
      // The parameters were checked at enqueue, so this cannot heal by waiting.
      await markFailed(message, attempt, error, 'template could not be rendered');
      return;
    }

    try {
      await send(message, rendered);
    } catch (error) {
      await recordSendFailure(message, attempt, error);
      return;
    }

    await messages.updateOne(
      { _id: message._id },
      {
        $set: { status: 'sent', attempts: attempt, sentAt: clock.now() },
        $unset: { lastError: 1 },
      },
    );
    log.info(logContext(message, attempt), 'notification sent');
  }

  /** Makes one delivery attempt of a message unless another worker has claimed it. Returns whether it did. */
  async function attemptMessage(message: OutboxMessageDoc): Promise<boolean> {
    const now = clock.now();
    const attempt = await claimAttempt(message._id, message.attempts, now);
    if (attempt === undefined) return false;

    // The message may have been finished by another worker after this pass read it.
    const current = await messages.findById(message._id).lean();
    if (!current || current.status !== 'pending' || current.attempts >= attempt) return false;

    await messages.updateOne(
      { _id: message._id },
      { $set: { nextAttemptAt: new Date(now.getTime() + outboxPolicy.leaseMs) } },
    );
    await deliverClaimed(current, attempt);
    return true;
  }

  // Exactly-once claims depend on the unique index, so the worker makes sure it exists.
  let indexesReady: Promise<unknown> | undefined;

  async function runOnce(): Promise<number> {
    indexesReady ??= claims.createIndexes();
    await indexesReady;
    const due = await messages
      .find({ status: 'pending', nextAttemptAt: { $lte: clock.now() } })
      .sort({ nextAttemptAt: 1 })
      .limit(outboxPolicy.batchSize)
      .lean();
    let handled = 0;
    for (const message of due) {
      if (await attemptMessage(message)) handled += 1;
    }
    return handled;
  }

  let stopped = true;
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<void> | undefined;

  function schedule(delayMs: number): void {
    if (stopped) return;
    timer = setTimeout(() => {
      pass = runOnce()
        .then((handled) => schedule(handled >= outboxPolicy.batchSize ? 0 : config.OUTBOX_POLL_MS))
        .catch((error: unknown) => {
          log.error({ err: error }, 'outbox pass failed; trying again after the poll interval');
          schedule(config.OUTBOX_POLL_MS);
        });
    }, delayMs);
  }

  return {
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      log.info({ pollMs: config.OUTBOX_POLL_MS }, 'outbox worker started');
      schedule(0);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      clearTimeout(timer);
      await pass;
      log.info('outbox worker stopped');
    },
  };
}
