import { Schema } from 'mongoose';
import type { Connection, InferSchemaType } from 'mongoose';

/**
 * A refresh token, stored as the SHA-256 of the token. Used tokens stay until they
 * expire so that a second use is recognised as reuse.
 */
const refreshTokenSchema = new Schema(
  {
    /** SHA-256 hex of the token. */
    _id: { type: String, required: true },
    sessionId: { type: String, required: true, index: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true, index: true },
  },
  { collection: 'refresh_tokens', versionKey: false },
);

/**
 * The record that a refresh token has been used, keyed by the token's hash. Inserting
 * it is the claim: of two requests with the same token exactly one insert succeeds, on
 * MongoDB and on FerretDB 1.24 (whose conditional updates are not atomic).
 */
const refreshTokenUseSchema = new Schema(
  {
    _id: { type: String, required: true },
    sessionId: { type: String, required: true },
    usedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true, index: true },
  },
  { collection: 'refresh_token_uses', versionKey: false },
);

export type RefreshTokenDoc = InferSchemaType<typeof refreshTokenSchema>;

function registerTokens(db: Connection) {
  return db.model('RefreshToken', refreshTokenSchema);
}

function registerUses(db: Connection) {
  return db.model('RefreshTokenUse', refreshTokenUseSchema);
}

export type RefreshTokenModel = ReturnType<typeof registerTokens>;
export type RefreshTokenUseModel = ReturnType<typeof registerUses>;

export function refreshTokenModel(db: Connection): RefreshTokenModel {
  return (db.models.RefreshToken as RefreshTokenModel | undefined) ?? registerTokens(db);
}

export function refreshTokenUseModel(db: Connection): RefreshTokenUseModel {
  return (db.models.RefreshTokenUse as RefreshTokenUseModel | undefined) ?? registerUses(db);
}
