import { Schema } from 'mongoose';
import type { Connection, InferSchemaType, Model, Types } from 'mongoose';

/**
 * Access to the applications found by a progress query, held by the applicant as the
 * `X-Application-Token` header. Only the token's SHA-256 is stored; expiry is checked
 * on read.
 */
const applicationTokenSchema = new Schema(
  {
    tokenHash: { type: String, required: true, unique: true },
    applicationIds: { type: [Schema.Types.ObjectId], required: true },
    expiresAt: { type: Date, required: true, index: true },
  },
  { timestamps: true, collection: 'application_tokens' },
);

export type ApplicationTokenDoc = InferSchemaType<typeof applicationTokenSchema> & {
  _id: Types.ObjectId;
};
export type ApplicationTokenModel = Model<InferSchemaType<typeof applicationTokenSchema>>;

export function applicationTokenModel(db: Connection): ApplicationTokenModel {
  return (
    (db.models.ApplicationToken as ApplicationTokenModel | undefined) ??
    db.model('ApplicationToken', applicationTokenSchema)
  );
}
