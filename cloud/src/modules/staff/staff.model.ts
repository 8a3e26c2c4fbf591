import { staffRoles } from '@ucz/shared';
import type { StaffRole } from '@ucz/shared';
import { Schema } from 'mongoose';
import type { Connection, InferSchemaType, Model, Types } from 'mongoose';

export { staffRoles };
export type { StaffRole };

/** An operator employee who works in the back office: a reviewer or an operator admin. */
const staffSchema = new Schema(
  {
    username: { type: String, required: true },
    /** usernameKey(username): unique regardless of case, width and surrounding spaces. */
    usernameKey: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    /** Argon2id hash. */
    passwordHash: { type: String, required: true },
    role: { type: String, enum: staffRoles, required: true },
    status: { type: String, enum: ['active', 'disabled'], default: 'active' },
    /** Raised to end every session of the staff member at once. */
    sessionVersion: { type: Number, default: 0 },
    /** Consecutive wrong passwords since the last successful login or lock. */
    failedLogins: { type: Number, default: 0 },
    /** Password login is refused until this instant. */
    lockedUntil: { type: Date },
    lastLoginAt: { type: Date },
  },
  { timestamps: true, collection: 'staff' },
);

export type StaffDoc = InferSchemaType<typeof staffSchema> & { _id: Types.ObjectId };
export type StaffModel = Model<InferSchemaType<typeof staffSchema>>;

export function staffModel(db: Connection): StaffModel {
  return (db.models.Staff as StaffModel | undefined) ?? db.model('Staff', staffSchema);
}
