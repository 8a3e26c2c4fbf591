import { Schema } from 'mongoose';
import type { Connection, InferSchemaType, Model } from 'mongoose';

/**
 * The access token of one WeChat app, shared by every server instance. The token is
 * stored sealed (AES-256-GCM under a key derived from the app secret), so a copy of
 * the database alone does not let anyone call WeChat as the app.
 */
const wechatTokenSchema = new Schema(
  {
    appid: { type: String, required: true, unique: true },
    /** base64 of IV (12 bytes), GCM tag (16 bytes) and ciphertext. */
    sealedToken: { type: String, required: true },
    /** Hex SHA-256 of the token, to drop exactly the token WeChat rejected. */
    tokenHash: { type: String, required: true },
    fetchedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'wechat_tokens' },
);

export type WechatTokenModel = Model<InferSchemaType<typeof wechatTokenSchema>>;

export function wechatTokenModel(db: Connection): WechatTokenModel {
  return (
    (db.models.WechatToken as WechatTokenModel | undefined) ??
    db.model('WechatToken', wechatTokenSchema)
  );
}
