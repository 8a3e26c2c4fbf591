import { Schema } from 'mongoose';
import type { Connection, InferSchemaType, Model } from 'mongoose';

/**
 * A message or event the official account pushed. WeChat retries a push that gets no
 * response within 5 s, up to 3 times, and the unique dedupe key lets one of the copies
 * be handled.
 */
const pushEventSchema = new Schema(
  {
    /** `msg:<MsgId>` for messages, `event:<FromUserName>:<CreateTime>:<Event>:<EventKey>` for events. */
    dedupeKey: { type: String, required: true, unique: true },
    msgType: { type: String, required: true },
    event: { type: String },
    eventKey: { type: String },
    /** The user's openid for the official account. */
    openid: { type: String, required: true },
    createdAt: { type: Date, required: true },
    receivedAt: { type: Date, required: true, index: true },
  },
  { collection: 'wechat_push_events' },
);

export type PushEventModel = Model<InferSchemaType<typeof pushEventSchema>>;

export function pushEventModel(db: Connection): PushEventModel {
  return (
    (db.models.WechatPushEvent as PushEventModel | undefined) ??
    db.model('WechatPushEvent', pushEventSchema)
  );
}
