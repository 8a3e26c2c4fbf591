import { Schema } from 'mongoose';
import type { Connection, InferSchemaType, Model, Types } from 'mongoose';
import { locales } from '@ucz/shared';
import { notificationTemplates } from './notification.types';

export const outboxStatuses = ['pending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

/**
 * A notification waiting to be sent, or the record of a sent or abandoned one. The
 * outbox worker delivers it, and `attempts` counts its finished delivery attempts.
 */
const outboxMessageSchema = new Schema(
  {
    /** Unique per message: enqueueing the same key again stores nothing. */
    dedupeKey: { type: String, required: true, unique: true },
    channel: { type: String, enum: ['email', 'sms'], required: true },
    /** Email address or E.164 number. */
    to: { type: String, required: true },
    locale: { type: String, enum: locales, required: true },
    template: { type: String, enum: notificationTemplates, required: true },
    params: { type: Schema.Types.Mixed, required: true },
    status: { type: String, enum: outboxStatuses, required: true },
    attempts: { type: Number, required: true },
    /** When the worker may next try; pushed ahead by the lease while an attempt runs. */
    nextAttemptAt: { type: Date, required: true },
    /** Reason of the last failed attempt, without message content. */
    lastError: { type: String },
    createdAt: { type: Date, required: true },
    sentAt: { type: Date },
    failedAt: { type: Date },
  },
  { collection: 'notification_outbox', minimize: false },
);
outboxMessageSchema.index({ status: 1, nextAttemptAt: 1 });

export type OutboxMessageDoc = InferSchemaType<typeof outboxMessageSchema> & {
  _id: Types.ObjectId;
};
export type OutboxMessageModel = Model<InferSchemaType<typeof outboxMessageSchema>>;

export function outboxMessageModel(db: Connection): OutboxMessageModel {
  return (
    (db.models.OutboxMessage as OutboxMessageModel | undefined) ??
    db.model('OutboxMessage', outboxMessageSchema)
  );
}

/**
 * The claim of one delivery attempt of a message by one worker. The unique index on
 * (messageId, attempt) lets exactly one worker win each attempt. A conditional status
 * update would not do that, because FerretDB 1.24 does not apply it atomically and two
 * workers could both win. Unique indexes are enforced by FerretDB and MongoDB alike.
 */
const outboxClaimSchema = new Schema(
  {
    messageId: { type: Schema.Types.ObjectId, required: true },
    attempt: { type: Number, required: true },
    claimedAt: { type: Date, required: true },
    /** After this the claimer is presumed dead and another worker may take the next attempt. */
    leaseUntil: { type: Date, required: true },
  },
  { collection: 'notification_outbox_claims' },
);
outboxClaimSchema.index({ messageId: 1, attempt: 1 }, { unique: true });

export type OutboxClaimModel = Model<InferSchemaType<typeof outboxClaimSchema>>;

export function outboxClaimModel(db: Connection): OutboxClaimModel {
  return (
    (db.models.OutboxClaim as OutboxClaimModel | undefined) ??
    db.model('OutboxClaim', outboxClaimSchema)
  );
}
