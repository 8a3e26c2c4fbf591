import { Schema } from 'mongoose';
import type { Connection, InferSchemaType, Types } from 'mongoose';

/**
 * The link between a WeChat identity and an account. It lives in its own collection so
 * that plain unique indexes on both ends keep it one-to-one: an identity is bound to at
 * most one account and an account to at most one identity. Unbinding deletes the
 * document.
 */
const wechatBindingSchema = new Schema(
  {
    identityId: { type: Schema.Types.ObjectId, required: true, unique: true },
    accountId: { type: Schema.Types.ObjectId, required: true, unique: true },
    boundAt: { type: Date, required: true },
    /** Origin of the binding: the mini-program on its own, or a website scan login. */
    via: { type: String, enum: ['mini_program', 'scan'], required: true },
  },
  { collection: 'wechat_bindings', versionKey: false },
);

export type WechatBindingDoc = InferSchemaType<typeof wechatBindingSchema> & {
  _id: Types.ObjectId;
};
function registerBindingModel(db: Connection) {
  return db.model('WechatBinding', wechatBindingSchema);
}

export type WechatBindingModel = ReturnType<typeof registerBindingModel>;

export function wechatBindingModel(db: Connection): WechatBindingModel {
  return (db.models.WechatBinding as WechatBindingModel | undefined) ?? registerBindingModel(db);
}

/**
 * A bind ticket: an unbound WeChat user's short-lived proof of identity for binding an
 * account (微信绑定账号). Only its hash is stored. A ticket handed out by a scan names
 * the scan ticket, whose website login the binding completes.
 */
const bindTicketSchema = new Schema(
  {
    /** Hex SHA-256 of the ticket. */
    _id: { type: String, required: true },
    identityId: { type: Schema.Types.ObjectId, required: true },
    scanTicketId: { type: String },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true, index: true },
  },
  { collection: 'wechat_bind_tickets', versionKey: false },
);

function registerBindTicketModel(db: Connection) {
  return db.model('WechatBindTicket', bindTicketSchema);
}

export type BindTicketModel = ReturnType<typeof registerBindTicketModel>;

export function bindTicketModel(db: Connection): BindTicketModel {
  return (db.models.WechatBindTicket as BindTicketModel | undefined) ?? registerBindTicketModel(db);
}
