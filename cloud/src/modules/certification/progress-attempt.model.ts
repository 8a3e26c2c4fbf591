import { Schema } from 'mongoose';
import type { Connection, InferSchemaType } from 'mongoose';

/**
 * One wrong password in the progress query, per username key (known or not, so a lock
 * reveals nothing about which names exist). Failures are inserted rather than counted
 * with `$inc`, which loses increments under concurrency on FerretDB 1.24.
 */
const progressFailureSchema = new Schema(
  {
    key: { type: String, required: true, index: true },
    at: { type: Date, required: true },
  },
  { collection: 'progress_failures', versionKey: false },
);

/** A username key locked out of the progress query until lockedUntil. */
const progressLockSchema = new Schema(
  {
    _id: { type: String, required: true },
    lockedUntil: { type: Date, required: true },
  },
  { collection: 'progress_locks', versionKey: false },
);

export type ProgressFailureDoc = InferSchemaType<typeof progressFailureSchema>;
export type ProgressLockDoc = InferSchemaType<typeof progressLockSchema>;

function createFailureModel(db: Connection) {
  return db.model('ProgressFailure', progressFailureSchema);
}

function createLockModel(db: Connection) {
  return db.model('ProgressLock', progressLockSchema);
}

export type ProgressFailureModel = ReturnType<typeof createFailureModel>;
export type ProgressLockModel = ReturnType<typeof createLockModel>;

export function progressFailureModel(db: Connection): ProgressFailureModel {
  return (db.models.ProgressFailure as ProgressFailureModel | undefined) ?? createFailureModel(db);
}

export function progressLockModel(db: Connection): ProgressLockModel {
  return (db.models.ProgressLock as ProgressLockModel | undefined) ?? createLockModel(db);
}
