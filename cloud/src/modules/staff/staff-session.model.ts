import { Schema } from 'mongoose';
import type { Connection, InferSchemaType, Model, Types } from 'mongoose';

/**
 * A staff login session. The client holds a random bearer token; only its SHA-256 hash
 * is stored. Expiry is checked on every read, and expired sessions are swept.
 */
const staffSessionSchema = new Schema(
  {
    tokenHash: { type: String, required: true, unique: true },
    staffId: { type: Schema.Types.ObjectId, required: true, index: true },
    /** The staff member's sessionVersion at login; a raised version ends the session. */
    sessionVersion: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true, index: true },
    ip: { type: String },
    userAgent: { type: String },
  },
  { collection: 'staff_sessions' },
);

export type StaffSessionDoc = InferSchemaType<typeof staffSessionSchema> & { _id: Types.ObjectId };
export type StaffSessionModel = Model<InferSchemaType<typeof staffSessionSchema>>;

export function staffSessionModel(db: Connection): StaffSessionModel {
  return (
    (db.models.StaffSession as StaffSessionModel | undefined) ??
    db.model('StaffSession', staffSessionSchema)
  );
}
