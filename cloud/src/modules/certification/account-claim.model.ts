import { Schema } from 'mongoose';
import type { Connection, InferSchemaType } from 'mongoose';

/**
 * A username or email taken by an application, keyed `username:<usernameKey>` or
 * `email:<emailKey>`. The unique _id makes two submissions with the same name race on
 * one insert, which MongoDB and FerretDB both decide without transactions.
 */
const accountClaimSchema = new Schema(
  {
    _id: { type: String, required: true },
    applicationId: { type: Schema.Types.ObjectId, required: true, index: true },
    claimedAt: { type: Date, required: true },
  },
  { collection: 'account_claims', versionKey: false },
);

export type AccountClaimDoc = InferSchemaType<typeof accountClaimSchema>;

function createModel(db: Connection) {
  return db.model('AccountClaim', accountClaimSchema);
}

export type AccountClaimModel = ReturnType<typeof createModel>;

export function accountClaimModel(db: Connection): AccountClaimModel {
  return (db.models.AccountClaim as AccountClaimModel | undefined) ?? createModel(db);
}
