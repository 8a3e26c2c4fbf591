import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { isDuplicateKeyError } from '../../lib/mongo-errors';
import type { Logger } from '../../logger';
import type { WechatAppCredentials } from './wechat-settings';
import { wechatTokenModel } from './wechat-token.model';

/** An access token with its lifetime. */
export interface CachedAccessToken {
  token: string;
  fetchedAt: Date;
  expiresAt: Date;
}

/** Where access tokens are kept between calls; the database cache shares them between instances. */
export interface AccessTokenCache {
  load(appid: string): Promise<CachedAccessToken | undefined>;
  /** Stores the token unless a token that lives longer is already stored. */
  save(appid: string, entry: CachedAccessToken): Promise<void>;
  /** Drops the stored token only if it is still `token`, so a newer one fetched elsewhere survives. */
  drop(appid: string, token: string): Promise<void>;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function sealingKey(app: WechatAppCredentials): Buffer {
  return Buffer.from(hkdfSync('sha256', app.secret, 'ucz-wechat-access-token', app.appid, 32));
}

function seal(key: Buffer, token: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64');
}

function unseal(key: Buffer, sealed: string): string {
  const bytes = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, 12));
  decipher.setAuthTag(bytes.subarray(12, 28));
  return Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
}

/**
 * Creates the access-token cache in the `wechat_tokens` collection, one document per
 * app. Every instance reads the same document, so the instances share one token.
 */
export function createDatabaseTokenCache(deps: {
  db: Connection;
  app: WechatAppCredentials;
  logger: Logger;
}): AccessTokenCache {
  const tokens = wechatTokenModel(deps.db);
  const key = sealingKey(deps.app);
  const log = deps.logger.child({ component: 'wechat-token-cache', appid: deps.app.appid });

  return {
    async load(appid) {
      const stored = await tokens.findOne({ appid }).lean();
      if (!stored) return undefined;
      try {
        return {
          token: unseal(key, stored.sealedToken),
          fetchedAt: stored.fetchedAt,
          expiresAt: stored.expiresAt,
        };
      } catch (error) {
        // Sealed under another secret (the app secret was changed): fetch a new token.
        log.warn({ err: error }, 'stored access token cannot be unsealed; fetching a new one');
        return undefined;
      }
    },

    async save(appid, entry) {
      const document = {
        appid,
        sealedToken: seal(key, entry.token),
        tokenHash: hashToken(entry.token),
        fetchedAt: entry.fetchedAt,
        expiresAt: entry.expiresAt,
      };
      try {
        // Replaces a token that expires no later. When a longer-lived one is stored, the
        // filter misses and the upsert fails on the unique appid, so the stored one stays.
        await tokens.updateOne(
          { appid, expiresAt: { $lte: entry.expiresAt } },
          { $set: document },
          { upsert: true },
        );
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        log.debug('a longer-lived access token is already stored');
      }
    },

    async drop(appid, token) {
      await tokens.deleteOne({ appid, tokenHash: hashToken(token) });
    },
  };
}

/** Creates an access-token cache in process memory, for one-off tools such as the menu CLI. */
export function createMemoryTokenCache(): AccessTokenCache {
  const entries = new Map<string, CachedAccessToken>();
  return {
    load: async (appid) => entries.get(appid),
    save: async (appid, entry) => {
      const stored = entries.get(appid);
      if (!stored || stored.expiresAt <= entry.expiresAt) entries.set(appid, entry);
    },
    drop: async (appid, token) => {
      if (entries.get(appid)?.token === token) entries.delete(appid);
    },
  };
}
