import { createHash, randomBytes } from 'node:crypto';

/** A bearer token handed to a client and the SHA-256 hash that the database keeps. */
export interface SecretToken {
  token: string;
  hash: string;
}

/** Creates a token of 32 random bytes, base64url-encoded. */
export function newSecretToken(): SecretToken {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashSecretToken(token) };
}

/** Returns the hex SHA-256 of a token, the form stored and looked up. */
export function hashSecretToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
