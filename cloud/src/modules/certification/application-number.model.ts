import { Schema } from 'mongoose';
import type { Connection, InferSchemaType } from 'mongoose';

/**
 * An issued application number. The number is the unique _id, so two submissions that
 * try the same number race on one insert and the loser moves on to the next number.
 */
const applicationNumberSchema = new Schema(
  {
    _id: { type: String, required: true },
    applicationId: { type: Schema.Types.ObjectId, required: true, index: true },
    issuedAt: { type: Date, required: true },
  },
  { collection: 'application_numbers', versionKey: false },
);

export type ApplicationNumberDoc = InferSchemaType<typeof applicationNumberSchema>;

function createModel(db: Connection) {
  return db.model('ApplicationNumber', applicationNumberSchema);
}

export type ApplicationNumberModel = ReturnType<typeof createModel>;

export function applicationNumberModel(db: Connection): ApplicationNumberModel {
  return (db.models.ApplicationNumber as ApplicationNumberModel | undefined) ?? createModel(db);
}
