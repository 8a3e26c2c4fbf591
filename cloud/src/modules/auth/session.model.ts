import { Schema } from 'mongoose';
import type { Connection, InferSchemaType } from 'mongoose';
import { subjectTypes } from './access-token';

export const sessionEndReasons = [
  'logout',
  'logout_everywhere',
  'refresh_reuse',
  'session_version',
  'expired',
  'wechat_unbound',
] as const;
export type SessionEndReason = (typeof sessionEndReasons)[number];

/**
 * One login session: the family of refresh tokens that one login starts. Access tokens
 * carry its id, so ending the family ends them too. Expiry is checked on every read and
 * the sweeper removes expired families.
 */
const sessionSchema = new Schema(
  {
    /** Random id, also the `fam` claim of the session's access tokens. */
    _id: { type: String, required: true },
    subjectType: { type: String, enum: subjectTypes, required: true },
    subjectId: { type: Schema.Types.ObjectId, required: true },
    /** The subject's sessionVersion at login; a raised version ends the session. */
    sessionVersion: { type: Number, required: true },
    transport: { type: String, enum: ['cookie', 'bearer'], required: true },
    /** SHA-256 of the CSRF token of a cookie session. */
    csrfTokenHash: { type: String },
    createdAt: { type: Date, required: true },
    /** The session ends here whatever its refreshes. */
    expiresAt: { type: Date, required: true, index: true },
    endedAt: { type: Date },
    endReason: { type: String, enum: sessionEndReasons },
    /** The WeChat identity the session was made through (scan login); unbinding it ends the session. */
    wechatIdentityId: { type: String, index: true },
    ip: { type: String },
    userAgent: { type: String },
  },
  { collection: 'sessions', versionKey: false },
);
sessionSchema.index({ subjectType: 1, subjectId: 1 });

export type SessionDoc = InferSchemaType<typeof sessionSchema>;

function registerModel(db: Connection) {
  return db.model('Session', sessionSchema);
}

export type SessionModel = ReturnType<typeof registerModel>;

export function sessionModel(db: Connection): SessionModel {
  return (db.models.Session as SessionModel | undefined) ?? registerModel(db);
}
