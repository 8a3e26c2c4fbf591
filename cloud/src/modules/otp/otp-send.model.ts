import { Schema } from 'mongoose';
import type { Connection, InferSchemaType, Model, Types } from 'mongoose';

/**
 * The send log of one destination, numbered 1, 2, 3, ... A send claims the number
 * after the newest entry; the unique index lets only one of two concurrent sends
 * claim it, and the loser looks again and finds the resend interval running. The
 * entries of the current day count against the daily limit per destination.
 */
const otpSendSchema = new Schema(
  {
    destination: { type: String, required: true },
    sequence: { type: Number, required: true },
    /** Calendar day of the send in BUSINESS_TIME_ZONE, YYYY-MM-DD. */
    day: { type: String, required: true },
    purpose: { type: String, required: true },
    sentAt: { type: Date, required: true },
    /** When the sweeper may remove the entry: after its day and its resend interval are over. */
    expiresAt: { type: Date, required: true, index: true },
  },
  { collection: 'otp_sends' },
);
otpSendSchema.index({ destination: 1, sequence: 1 }, { unique: true });
otpSendSchema.index({ destination: 1, day: 1 });

export type OtpSendModel = Model<InferSchemaType<typeof otpSendSchema>>;
export type OtpSendDoc = InferSchemaType<typeof otpSendSchema> & { _id: Types.ObjectId };

export function otpSendModel(db: Connection): OtpSendModel {
  return (db.models.OtpSend as OtpSendModel | undefined) ?? db.model('OtpSend', otpSendSchema);
}
