import { Schema } from 'mongoose';
import type { Connection, InferSchemaType, Model, Types } from 'mongoose';

/**
 * One unused subscribe-message grant: the user tapped "accept" once for a template,
 * which allows one message. Sending claims a grant by deleting its document (a
 * deleteOne that reports deletedCount 1 has exactly one winner, on MongoDB and on
 * FerretDB alike), so the number of documents is the number of grants left.
 */
const subscriptionGrantSchema = new Schema(
  {
    appid: { type: String, required: true },
    openid: { type: String, required: true },
    templateId: { type: String, required: true },
    /** Unique per grant; derived from the client's report id so that a repeated report counts once. */
    grantKey: { type: String, required: true, unique: true },
    grantedAt: { type: Date, required: true },
  },
  { collection: 'wechat_subscription_grants' },
);
subscriptionGrantSchema.index({ appid: 1, openid: 1, templateId: 1, grantedAt: 1 });

export type SubscriptionGrantDoc = InferSchemaType<typeof subscriptionGrantSchema> & {
  _id: Types.ObjectId;
};
export type SubscriptionGrantModel = Model<InferSchemaType<typeof subscriptionGrantSchema>>;

export function subscriptionGrantModel(db: Connection): SubscriptionGrantModel {
  return (
    (db.models.WechatSubscriptionGrant as SubscriptionGrantModel | undefined) ??
    db.model('WechatSubscriptionGrant', subscriptionGrantSchema)
  );
}

export const subscribeSendStatuses = ['sending', 'sent', 'fallback_needed'] as const;

/**
 * One notification sent (or attempted) as a subscribe message, under the caller's
 * dedupe key, so that a repeated call neither sends twice nor burns a second grant.
 */
const subscribeSendSchema = new Schema(
  {
    dedupeKey: { type: String, required: true, unique: true },
    identityId: { type: String, required: true },
    templateId: { type: String, required: true },
    status: { type: String, enum: subscribeSendStatuses, required: true },
    /** Reason the caller must fall back to email or SMS. */
    reason: { type: String },
    createdAt: { type: Date, required: true },
    finishedAt: { type: Date },
  },
  { collection: 'wechat_subscribe_sends' },
);

export type SubscribeSendModel = Model<InferSchemaType<typeof subscribeSendSchema>>;

export function subscribeSendModel(db: Connection): SubscribeSendModel {
  return (
    (db.models.WechatSubscribeSend as SubscribeSendModel | undefined) ??
    db.model('WechatSubscribeSend', subscribeSendSchema)
  );
}
