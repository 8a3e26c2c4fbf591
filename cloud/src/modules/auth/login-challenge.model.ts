import { Schema } from 'mongoose';
import type { Connection, InferSchemaType } from 'mongoose';

/**
 * The link between a login-code request and the login that follows: which account the
 * code was sent for and where it went. Alone it grants nothing: the login needs the
 * password again and the code. Expiry is checked on read; the sweeper removes it.
 */
const loginChallengeSchema = new Schema(
  {
    /** Random id handed to the client. */
    _id: { type: String, required: true },
    accountId: { type: Schema.Types.ObjectId, required: true, index: true },
    channel: { type: String, enum: ['sms', 'email'], required: true },
    /** The E.164 number or normalised address the code went to. */
    destination: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true, index: true },
  },
  { collection: 'login_challenges', versionKey: false },
);

export type LoginChallengeDoc = InferSchemaType<typeof loginChallengeSchema>;

function registerModel(db: Connection) {
  return db.model('LoginChallenge', loginChallengeSchema);
}

export type LoginChallengeModel = ReturnType<typeof registerModel>;

export function loginChallengeModel(db: Connection): LoginChallengeModel {
  return (db.models.LoginChallenge as LoginChallengeModel | undefined) ?? registerModel(db);
}
