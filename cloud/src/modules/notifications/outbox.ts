import { accountNotificationKinds, deliveryStatuses, locales } from '@ucz/shared';
import { Types } from 'mongoose';
import type { Connection } from 'mongoose';
import { z } from 'zod';
import type { Clock } from '../../lib/clock';
import { isDuplicateKeyError } from '../../lib/mongo-errors';
import type { Logger } from '../../logger';
import { checkTemplateParams } from './notification-templates';
import { notificationTemplates } from './notification.types';
import type { NotificationOutbox } from './notification.types';
import { notificationEventModel } from './notification-event.model';
import { outboxClaimModel, outboxMessageModel } from './outbox.model';

const e164Pattern = /^\+[1-9]\d{6,14}$/u;

const requestSchema = z
  .object({
    dedupeKey: z.string().trim().min(1).max(200),
    channel: z.enum(['email', 'sms']),
    to: z.string().trim().min(1),
    locale: z.enum(locales),
    template: z.enum(notificationTemplates),
    params: z.record(z.string(), z.string()),
  })
  .superRefine((request, context) => {
    const validRecipient =
      request.channel === 'email'
        ? z.email().safeParse(request.to).success
        : e164Pattern.test(request.to);
    if (!validRecipient) {
      context.addIssue({
        code: 'custom',
        path: ['to'],
        message: `not a valid ${request.channel} recipient`,
      });
    }
    const paramsProblem = checkTemplateParams(request.template, request.params);
    if (paramsProblem) {
      context.addIssue({
        code: 'custom',
        path: ['params'],
        message: `${request.template}: ${paramsProblem}`,
      });
    }
  });

const objectIdText = z.string().refine((value) => Types.ObjectId.isValid(value), 'not an ObjectId');

const eventSchema = z.object({
  eventKey: z.string().trim().min(1).max(200),
  kind: z.enum(accountNotificationKinds),
  accountId: objectIdText.optional(),
  applicationId: objectIdText.optional(),
  applicationNumber: z.string().min(1).optional(),
  directDeliveries: z
    .array(z.object({ channel: z.enum(['email', 'sms']), status: z.enum(deliveryStatuses) }))
    .optional(),
});

/**
 * Creates the notification outbox: enqueue stores the message durably and returns;
 * the outbox worker delivers it. A second enqueue with the same dedupeKey stores
 * nothing, so callers can enqueue from steps that may run twice.
 */
export function createNotificationOutbox(deps: {
  db: Connection;
  clock: Clock;
  logger: Logger;
}): NotificationOutbox {
  const messages = outboxMessageModel(deps.db);
  const events = notificationEventModel(deps.db);
  // Registered here so that the start-up index sync creates the claims' unique index too.
  outboxClaimModel(deps.db);
  const log = deps.logger.child({ component: 'outbox' });

  return {
    async enqueue(input) {
      const parsed = requestSchema.safeParse(input);
      if (!parsed.success) {
        // A caller bug, not user input: the message would never render.
        throw new Error(
          `Invalid notification "${input.dedupeKey}": ${z.prettifyError(parsed.error)}`,
        );
      }
      const request = parsed.data;
      const now = deps.clock.now();
      try {
        const stored = await messages.create({
          ...request,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: now,
          createdAt: now,
        });
        log.info(
          {
            messageId: String(stored._id),
            dedupeKey: request.dedupeKey,
            template: request.template,
            channel: request.channel,
          },
          'notification enqueued',
        );
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        log.debug({ dedupeKey: request.dedupeKey }, 'notification already enqueued');
      }
    },

    async recordEvent(input) {
      const parsed = eventSchema.safeParse(input);
      if (!parsed.success) {
        throw new Error(
          `Invalid notification event "${input.eventKey}": ${z.prettifyError(parsed.error)}`,
        );
      }
      const event = parsed.data;
      try {
        await events.create({
          eventKey: event.eventKey,
          kind: event.kind,
          ...(event.accountId ? { accountId: new Types.ObjectId(event.accountId) } : {}),
          ...(event.applicationId
            ? { applicationId: new Types.ObjectId(event.applicationId) }
            : {}),
          ...(event.applicationNumber ? { applicationNumber: event.applicationNumber } : {}),
          ...(event.directDeliveries ? { directDeliveries: event.directDeliveries } : {}),
          createdAt: deps.clock.now(),
        });
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        log.debug({ eventKey: event.eventKey }, 'notification event already recorded');
      }
    },
  };
}
