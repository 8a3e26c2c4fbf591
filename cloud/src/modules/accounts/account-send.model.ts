import { Schema } from 'mongoose';
import type { Connection, InferSchemaType, Types } from 'mongoose';

/**
 * The send log of one kind of message to one account, numbered 1, 2, 3, ... A send
 * claims the number after the newest entry. The unique index lets only one of two
 * concurrent sends claim it, and the loser looks again and finds the interval running
 * or the daily limit reached. The entries of the current day count against the daily
 * limit of that kind and account.
 */
const accountSendSchema = new Schema(
  {
    kind: { type: String, required: true },
    accountId: { type: Schema.Types.ObjectId, required: true },
    sequence: { type: Number, required: true },
    /** Calendar day of the send in BUSINESS_TIME_ZONE, YYYY-MM-DD. */
    day: { type: String, required: true },
    sentAt: { type: Date, required: true },
    /** When the sweeper may remove the entry: after its day and its interval are over. */
    expiresAt: { type: Date, required: true, index: true },
  },
  { collection: 'account_sends', versionKey: false },
);
accountSendSchema.index({ kind: 1, accountId: 1, sequence: 1 }, { unique: true });
accountSendSchema.index({ kind: 1, accountId: 1, day: 1 });

export type AccountSendDoc = InferSchemaType<typeof accountSendSchema> & { _id: Types.ObjectId };

function registerModel(db: Connection) {
  return db.model('AccountSend', accountSendSchema);
}

export type AccountSendModel = ReturnType<typeof registerModel>;

export function accountSendModel(db: Connection): AccountSendModel {
  return (db.models.AccountSend as AccountSendModel | undefined) ?? registerModel(db);
}
