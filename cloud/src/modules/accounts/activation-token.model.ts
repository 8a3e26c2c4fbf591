import { Schema } from 'mongoose';
import type { Connection, InferSchemaType } from 'mongoose';

/**
 * The token of an emailed link that sets an account's password: the first one for an
 * account an admin added (`activate`), or a new one after an admin reset (`reset`).
 * Stored as the token's SHA-256; deleting the document is what uses it, and
 * `deleteOne` reports exactly one winner on MongoDB and FerretDB alike.
 */
const activationTokenSchema = new Schema(
  {
    _id: { type: String, required: true },
    accountId: { type: Schema.Types.ObjectId, required: true, index: true },
    purpose: { type: String, enum: ['activate', 'reset'], required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true, index: true },
  },
  { collection: 'activation_tokens', versionKey: false },
);

export type ActivationTokenDoc = InferSchemaType<typeof activationTokenSchema>;
export type ActivationPurpose = ActivationTokenDoc['purpose'];

function registerModel(db: Connection) {
  return db.model('ActivationToken', activationTokenSchema);
}

export type ActivationTokenModel = ReturnType<typeof registerModel>;

export function activationTokenModel(db: Connection): ActivationTokenModel {
  return (db.models.ActivationToken as ActivationTokenModel | undefined) ?? registerModel(db);
}
