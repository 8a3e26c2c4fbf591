import { Schema } from 'mongoose';
import type { Connection, InferSchemaType, Model, Types } from 'mongoose';

/** Slot number of the marker that records that a code has been used. */
export const consumedSlot = 0;

/**
 * One verification attempt on a code (slots 1..OTP_MAX_ATTEMPTS), or the marker that
 * the code was used (slot 0). The unique index makes each slot a claim that only one
 * request can win, so the attempt limit and single use stay exact under concurrent
 * requests. FerretDB 1.24 does not apply `$inc` or conditional updates atomically, but
 * it does enforce unique indexes.
 */
const otpAttemptSchema = new Schema(
  {
    codeId: { type: Schema.Types.ObjectId, required: true },
    slot: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    /** The code's own expiry; the sweeper removes both together. */
    expiresAt: { type: Date, required: true, index: true },
  },
  { collection: 'otp_attempts' },
);
otpAttemptSchema.index({ codeId: 1, slot: 1 }, { unique: true });

export type OtpAttemptModel = Model<InferSchemaType<typeof otpAttemptSchema>>;
export type OtpAttemptDoc = InferSchemaType<typeof otpAttemptSchema> & { _id: Types.ObjectId };

export function otpAttemptModel(db: Connection): OtpAttemptModel {
  return (
    (db.models.OtpAttempt as OtpAttemptModel | undefined) ??
    db.model('OtpAttempt', otpAttemptSchema)
  );
}
