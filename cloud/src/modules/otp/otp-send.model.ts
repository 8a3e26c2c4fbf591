import { Schema } from 'mongoose';
import type { Connection, InferSchemaType, Model, Types } from 'mongoose';

/**
 * The send log of one purpose and destination, numbered 1, 2, 3, ... A send claims the
 * number after the newest entry; the unique index lets only one of two concurrent sends
 * claim it, and the loser looks again and finds the resend interval running. The
 * entries of the current day count against the daily limit of that pair. Each
 * purpose has its own log, so codes asked for one purpose (an anonymous progress query)
 * cannot use up those of another (login, password reset).
 *
 * The collection replaces `otp_sends`, whose unique index covered the destination alone
 * and would reject the second purpose's first entry; that collection is no longer read.
 */
const otpSendSchema = new Schema(
  {
    purpose: { type: String, required: true },
    destination: { type: String, required: true },
    sequence: { type: Number, required: true },
    /** Calendar day of the send in BUSINESS_TIME_ZONE, YYYY-MM-DD. */
    day: { type: String, required: true },
    sentAt: { type: Date, required: true },
    /** When the sweeper may remove the entry: after its day and its resend interval are over. */
    expiresAt: { type: Date, required: true, index: true },
  },
  { collection: 'otp_purpose_sends' },
);
otpSendSchema.index({ purpose: 1, destination: 1, sequence: 1 }, { unique: true });
otpSendSchema.index({ purpose: 1, destination: 1, day: 1 });

export type OtpSendModel = Model<InferSchemaType<typeof otpSendSchema>>;
export type OtpSendDoc = InferSchemaType<typeof otpSendSchema> & { _id: Types.ObjectId };

export function otpSendModel(db: Connection): OtpSendModel {
  return (db.models.OtpSend as OtpSendModel | undefined) ?? db.model('OtpSend', otpSendSchema);
}
