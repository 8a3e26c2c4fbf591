import jwt from 'jsonwebtoken';
import { z } from 'zod';
import type { SigningKeys } from './signing-keys';

export const subjectTypes = ['account', 'staff'] as const;
export type SubjectType = (typeof subjectTypes)[number];

const issuer = 'ucz';
const audience = 'ucz-api';
/** Maximum length of a token that is verified; issued tokens have about 350 characters. */
const maxTokenLength = 2048;

/** Session facts carried by an access token. */
export interface AccessClaims {
  subjectType: SubjectType;
  subjectId: string;
  /** The subject's sessionVersion when the session began. */
  sessionVersion: number;
  /** The session (refresh token family) the token belongs to. */
  familyId: string;
}

const payloadSchema = z.object({
  sub: z.string().min(1),
  st: z.enum(subjectTypes),
  sv: z.number().int().min(0),
  fam: z.string().min(1),
});

/**
 * Signs and verifies access tokens: HS256 JWTs with the signing key's id in the `kid`
 * header. Verification accepts every configured key, so a key can be replaced without
 * ending the sessions it signed. Times come from the caller, not the system clock.
 */
export function createAccessTokens(keys: SigningKeys, lifetimeSeconds: number) {
  function sign(claims: AccessClaims, now: Date): { token: string; expiresAt: Date } {
    const issuedAt = Math.floor(now.getTime() / 1000);
    const expiresAtSeconds = issuedAt + lifetimeSeconds;
    const token = jwt.sign(
      {
        sub: claims.subjectId,
        st: claims.subjectType,
        sv: claims.sessionVersion,
        fam: claims.familyId,
        iat: issuedAt,
        exp: expiresAtSeconds,
      },
      keys.active.secret,
      { algorithm: 'HS256', keyid: keys.active.kid, issuer, audience },
    );
    return { token, expiresAt: new Date(expiresAtSeconds * 1000) };
  }

  /** Returns the claims of a valid, unexpired token, or undefined for anything else. */
  function verify(token: string, now: Date): AccessClaims | undefined {
    if (token.length > maxTokenLength) return undefined;
    const decoded = jwt.decode(token, { complete: true });
    const kid = decoded?.header.kid;
    const key = kid === undefined ? undefined : keys.byKid.get(kid);
    if (!key) return undefined;

    let payload: unknown;
    try {
      payload = jwt.verify(token, key.secret, {
        algorithms: ['HS256'],
        issuer,
        audience,
        clockTimestamp: Math.floor(now.getTime() / 1000),
      });
    } catch {
      // Expired, tampered or signed for another audience: all mean "no session".
      return undefined;
    }
    const parsed = payloadSchema.safeParse(payload);
    if (!parsed.success) return undefined;
    return {
      subjectType: parsed.data.st,
      subjectId: parsed.data.sub,
      sessionVersion: parsed.data.sv,
      familyId: parsed.data.fam,
    };
  }

  return { sign, verify };
}

export type AccessTokens = ReturnType<typeof createAccessTokens>;
