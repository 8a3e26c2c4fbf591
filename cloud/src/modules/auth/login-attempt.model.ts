import { Schema } from 'mongoose';
import type { Connection, InferSchemaType } from 'mongoose';

/**
 * One password attempt that has not been followed by a success: slots
 * 1..LOGIN_MAX_FAILURES per subject. An attempt claims its slot before the password is
 * checked, and the unique index lets exactly one request win each slot, so concurrent
 * guesses cannot exceed the limit. A counter on the account would not hold it, because
 * FerretDB 1.24 loses concurrent `$inc` updates. A success deletes the subject's slots.
 * When every slot is taken, the subject is locked until the newest is
 * LOGIN_LOCK_MINUTES old.
 */
const loginAttemptSchema = new Schema(
  {
    /**
     * `account:<id>` or `staff:<id>`, or for a name without account or staff member
     * `username:<usernameKey>` or `staff-username:<usernameKey>`.
     */
    subjectKey: { type: String, required: true },
    slot: { type: Number, required: true },
    createdAt: { type: Date, required: true },
    /** Failures older than this no longer count; the sweeper removes them. */
    expiresAt: { type: Date, required: true, index: true },
  },
  { collection: 'login_attempts', versionKey: false },
);
loginAttemptSchema.index({ subjectKey: 1, slot: 1 }, { unique: true });

export type LoginAttemptDoc = InferSchemaType<typeof loginAttemptSchema>;

function registerModel(db: Connection) {
  return db.model('LoginAttempt', loginAttemptSchema);
}

export type LoginAttemptModel = ReturnType<typeof registerModel>;

export function loginAttemptModel(db: Connection): LoginAttemptModel {
  return (db.models.LoginAttempt as LoginAttemptModel | undefined) ?? registerModel(db);
}
