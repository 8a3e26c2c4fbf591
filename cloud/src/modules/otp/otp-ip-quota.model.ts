import { Schema } from 'mongoose';
import type { Connection, InferSchemaType, Model, Types } from 'mongoose';

/**
 * One code sent on behalf of a client address on one day, in slots 1..OTP_DAILY_LIMIT_PER_IP.
 * A send claims a free slot. The unique index keeps two concurrent sends from taking
 * the same one, so the daily limit per address is exact.
 */
const otpIpQuotaSchema = new Schema(
  {
    clientIp: { type: String, required: true },
    /** Calendar day in BUSINESS_TIME_ZONE, YYYY-MM-DD. */
    day: { type: String, required: true },
    slot: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true, index: true },
  },
  { collection: 'otp_ip_quota' },
);
otpIpQuotaSchema.index({ clientIp: 1, day: 1, slot: 1 }, { unique: true });

export type OtpIpQuotaModel = Model<InferSchemaType<typeof otpIpQuotaSchema>>;
export type OtpIpQuotaDoc = InferSchemaType<typeof otpIpQuotaSchema> & { _id: Types.ObjectId };

export function otpIpQuotaModel(db: Connection): OtpIpQuotaModel {
  return (
    (db.models.OtpIpQuota as OtpIpQuotaModel | undefined) ??
    db.model('OtpIpQuota', otpIpQuotaSchema)
  );
}
