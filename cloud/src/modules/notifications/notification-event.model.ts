import { Schema } from 'mongoose';
import type { Connection, InferSchemaType, Model, Types } from 'mongoose';
import { accountNotificationKinds, deliveryStatuses } from '@ucz/shared';

/** A message that carried the notification without going through the outbox. */
const directDeliverySchema = new Schema(
  {
    channel: { type: String, enum: ['email', 'sms'], required: true },
    status: { type: String, enum: deliveryStatuses, required: true },
  },
  { _id: false },
);

/**
 * One notification as the account centre lists it to its recipient, whatever channels
 * carried it. Its deliveries are the messages whose dedupe keys are `eventKey` followed
 * by `:email` or `:sms` (the outbox) or `:wechat` (subscribe messages), so the record
 * holds no message content, code or address.
 */
const notificationEventSchema = new Schema(
  {
    /** Common prefix of the dedupe keys of its deliveries; recording the same key again stores nothing. */
    eventKey: { type: String, required: true, unique: true },
    kind: { type: String, enum: accountNotificationKinds, required: true },
    /** The account notified, when it existed at the time. */
    accountId: { type: Schema.Types.ObjectId },
    /**
     * The application the notification is about. Its applicant gets the notification
     * listed once the application counts as theirs, even if it was sent before their account existed.
     */
    applicationId: { type: Schema.Types.ObjectId },
    applicationNumber: { type: String },
    /**
     * Messages sent straight to the mailer, with their outcome, such as the activation mail.
     * That mail carries a one-time link, so it never goes through the outbox, which stores
     * message content.
     */
    directDeliveries: { type: [directDeliverySchema], default: undefined },
    createdAt: { type: Date, required: true },
  },
  { collection: 'notification_events' },
);
notificationEventSchema.index({ accountId: 1, createdAt: -1, _id: -1 });
notificationEventSchema.index({ applicationId: 1, createdAt: -1, _id: -1 });

export type NotificationEventDoc = InferSchemaType<typeof notificationEventSchema> & {
  _id: Types.ObjectId;
};
export type NotificationEventModel = Model<InferSchemaType<typeof notificationEventSchema>>;

export function notificationEventModel(db: Connection): NotificationEventModel {
  return (
    (db.models.NotificationEvent as NotificationEventModel | undefined) ??
    db.model('NotificationEvent', notificationEventSchema)
  );
}
