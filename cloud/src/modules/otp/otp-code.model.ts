import { Schema } from 'mongoose';
import type { Connection, InferSchemaType, Model, Types } from 'mongoose';
import { otpPurposes } from './otp.types';

/**
 * A one-time code as stored: only its HMAC-SHA256 under a random per-code salt. Every
 * send adds a document; verification looks only at the newest one of its purpose and
 * destination, so older codes stop working without being touched.
 */
const otpCodeSchema = new Schema(
  {
    purpose: { type: String, enum: otpPurposes, required: true },
    /** Normalised email address or E.164 number. */
    destination: { type: String, required: true },
    channel: { type: String, enum: ['email', 'sms'], required: true },
    /** Hex HMAC-SHA256 of the code, keyed with `salt`. */
    codeHash: { type: String, required: true },
    /** Hex random salt, 16 bytes. */
    salt: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true, index: true },
  },
  { collection: 'otp_codes' },
);
otpCodeSchema.index({ purpose: 1, destination: 1, createdAt: -1 });

export type OtpCodeDoc = InferSchemaType<typeof otpCodeSchema> & { _id: Types.ObjectId };
export type OtpCodeModel = Model<InferSchemaType<typeof otpCodeSchema>>;

export function otpCodeModel(db: Connection): OtpCodeModel {
  return (db.models.OtpCode as OtpCodeModel | undefined) ?? db.model('OtpCode', otpCodeSchema);
}
