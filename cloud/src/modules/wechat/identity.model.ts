import { Schema } from 'mongoose';
import type { Connection, InferSchemaType, Model, Types } from 'mongoose';

/**
 * A WeChat user as one app sees them. WeChat gives each user a different openid per
 * app, so identities are keyed by (appid, openid). A unionid exists only when the app
 * is bound to an Open Platform account; when absent the field is left out (never
 * stored as null or as the text "undefined"), and it carries no unique index.
 * Bindings to accounts live in their own collection.
 */
const wechatIdentitySchema = new Schema(
  {
    appid: { type: String, required: true },
    openid: { type: String, required: true },
    unionid: {
      type: String,
      validate: {
        validator: (value: string) => value.length > 0 && value !== 'undefined' && value !== 'null',
        message: 'unionid must be a real WeChat unionid or left out',
      },
    },
    createdAt: { type: Date, required: true },
    lastLoginAt: { type: Date, required: true },
  },
  { collection: 'wechat_identities' },
);
wechatIdentitySchema.index({ appid: 1, openid: 1 }, { unique: true });
wechatIdentitySchema.index({ unionid: 1 });

export type WechatIdentityDoc = InferSchemaType<typeof wechatIdentitySchema> & {
  _id: Types.ObjectId;
};
export type WechatIdentityModel = Model<InferSchemaType<typeof wechatIdentitySchema>>;

export function wechatIdentityModel(db: Connection): WechatIdentityModel {
  return (
    (db.models.WechatIdentity as WechatIdentityModel | undefined) ??
    db.model('WechatIdentity', wechatIdentitySchema)
  );
}

/**
 * A wx.login code that was sent to WeChat, kept as a hash. The unique index lets exactly
 * one request use a code, so a double tap or a retry never reaches WeChat twice.
 */
const usedLoginCodeSchema = new Schema(
  {
    /** Hex SHA-256 of appid and code. */
    codeHash: { type: String, required: true, unique: true },
    usedAt: { type: Date, required: true, index: true },
  },
  { collection: 'wechat_used_codes' },
);

export type UsedLoginCodeModel = Model<InferSchemaType<typeof usedLoginCodeSchema>>;

export function usedLoginCodeModel(db: Connection): UsedLoginCodeModel {
  return (
    (db.models.WechatUsedCode as UsedLoginCodeModel | undefined) ??
    db.model('WechatUsedCode', usedLoginCodeSchema)
  );
}
