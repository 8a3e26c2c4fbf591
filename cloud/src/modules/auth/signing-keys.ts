import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Config } from '../../config';
import { ConfigError } from '../../config';
import type { Logger } from '../../logger';

/** Shortest secret accepted for HS256: 32 characters. */
export const minSecretLength = 32;

export interface SigningKey {
  kid: string;
  secret: string;
}

/** The keys that verify access tokens and the one that signs new ones. */
export interface SigningKeys {
  active: SigningKey;
  byKid: ReadonlyMap<string, SigningKey>;
}

const kidPattern = /^[A-Za-z0-9._-]{1,64}$/u;
const jsonKeys = z.array(z.object({ kid: z.string(), secret: z.string() })).min(1);

function parseKeyList(raw: string): SigningKey[] {
  const text = raw.trim();
  if (text.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ConfigError([
        'SESSION_SIGNING_KEYS: not valid JSON; expected [{"kid":"...","secret":"..."}]',
      ]);
    }
    const result = jsonKeys.safeParse(parsed);
    if (!result.success) {
      throw new ConfigError([
        'SESSION_SIGNING_KEYS: expected a non-empty list of {"kid","secret"} objects',
      ]);
    }
    return result.data;
  }
  return text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const separator = entry.indexOf('=');
      if (separator <= 0)
        throw new ConfigError([
          'SESSION_SIGNING_KEYS: expected kid=secret entries separated by commas',
        ]);
      return { kid: entry.slice(0, separator).trim(), secret: entry.slice(separator + 1).trim() };
    });
}

/**
 * Reads SESSION_SIGNING_KEYS and SESSION_ACTIVE_KEY_ID. Without keys in simulator mode
 * it generates a random key and warns that access tokens from before a restart are refused.
 * Throws ConfigError naming the setting for a malformed list, a short secret, a
 * repeated kid or an unknown or missing active kid.
 */
export function loadSigningKeys(
  config: Pick<Config, 'SESSION_SIGNING_KEYS' | 'SESSION_ACTIVE_KEY_ID' | 'SIMULATOR'>,
  logger: Logger,
): SigningKeys {
  if (!config.SESSION_SIGNING_KEYS) {
    if (!config.SIMULATOR)
      throw new ConfigError(['SESSION_SIGNING_KEYS: required when SIMULATOR=false']);
    const key = {
      kid: `dev-${randomBytes(4).toString('hex')}`,
      secret: randomBytes(32).toString('base64url'),
    };
    logger.warn(
      { kid: key.kid },
      'SESSION_SIGNING_KEYS is unset: signing access tokens with a random key, so tokens from before a restart are refused and clients must refresh',
    );
    return { active: key, byKid: new Map([[key.kid, key]]) };
  }

  const keys = parseKeyList(config.SESSION_SIGNING_KEYS);
  const byKid = new Map<string, SigningKey>();
  for (const key of keys) {
    if (!kidPattern.test(key.kid)) {
      throw new ConfigError([
        `SESSION_SIGNING_KEYS: key id "${key.kid}" must be 1-64 letters, digits or . _ -`,
      ]);
    }
    if (key.secret.length < minSecretLength) {
      throw new ConfigError([
        `SESSION_SIGNING_KEYS: the secret of "${key.kid}" needs at least ${minSecretLength} characters`,
      ]);
    }
    if (byKid.has(key.kid))
      throw new ConfigError([`SESSION_SIGNING_KEYS: key id "${key.kid}" appears twice`]);
    byKid.set(key.kid, key);
  }

  const activeKid = config.SESSION_ACTIVE_KEY_ID ?? (keys.length === 1 ? keys[0]?.kid : undefined);
  if (!activeKid)
    throw new ConfigError([
      'SESSION_ACTIVE_KEY_ID: required when SESSION_SIGNING_KEYS lists several keys',
    ]);
  const active = byKid.get(activeKid);
  if (!active)
    throw new ConfigError([`SESSION_ACTIVE_KEY_ID: "${activeKid}" is not in SESSION_SIGNING_KEYS`]);

  logger.info({ activeKid, verifyingKids: [...byKid.keys()] }, 'session signing keys loaded');
  return { active, byKid };
}
