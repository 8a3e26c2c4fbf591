import type { Clock } from '../../lib/clock';
import type { Logger } from '../../logger';
import type { AccessTokenCache, CachedAccessToken } from './access-token-cache';

/** A token is refreshed this long before it expires (WeChat renews stable tokens 5 minutes early). */
const refreshMarginMs = 300_000;

/** Hands out the app's access token, fetching it only when no usable one is cached. */
export interface AccessTokenProvider {
  get(): Promise<string>;
  /** Forgets `token` after WeChat rejected it, here and in the shared cache. */
  invalidate(token: string): Promise<void>;
}

function refreshAt(entry: CachedAccessToken): number {
  const lifetime = entry.expiresAt.getTime() - entry.fetchedAt.getTime();
  return entry.expiresAt.getTime() - Math.min(refreshMarginMs, lifetime / 2);
}

/**
 * Creates the access-token provider of one app. It looks in process memory, then in the
 * shared cache, and only then calls `fetchToken` (the stable_token API in normal mode,
 * which returns the token that is already valid instead of replacing it, so instances
 * that fetch at the same time do not invalidate each other). Concurrent callers in one
 * process share one fetch.
 */
export function createAccessTokenProvider(deps: {
  appid: string;
  cache: AccessTokenCache;
  fetchToken: () => Promise<{ accessToken: string; expiresInSeconds: number }>;
  clock: Clock;
  logger: Logger;
}): AccessTokenProvider {
  const log = deps.logger.child({ component: 'wechat-access-token', appid: deps.appid });
  let current: CachedAccessToken | undefined;
  let pending: Promise<string> | undefined;

  const usable = (entry: CachedAccessToken | undefined): entry is CachedAccessToken =>
    entry !== undefined && deps.clock.now().getTime() < refreshAt(entry);

  async function loadOrFetch(): Promise<string> {
    const cached = await deps.cache.load(deps.appid);
    if (usable(cached)) {
      current = cached;
      return cached.token;
    }
    const fetched = await deps.fetchToken();
    const fetchedAt = deps.clock.now();
    const entry = {
      token: fetched.accessToken,
      fetchedAt,
      expiresAt: new Date(fetchedAt.getTime() + fetched.expiresInSeconds * 1000),
    };
    await deps.cache.save(deps.appid, entry);
    current = entry;
    log.info({ expiresInSeconds: fetched.expiresInSeconds }, 'access token fetched');
    return entry.token;
  }

  return {
    async get() {
      if (usable(current)) return current.token;
      pending ??= loadOrFetch().finally(() => {
        pending = undefined;
      });
      return pending;
    },

    async invalidate(token) {
      if (current?.token === token) current = undefined;
      await deps.cache.drop(deps.appid, token);
    },
  };
}
