import type { Connection } from 'mongoose';
import { RateLimiterMongo, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../../config';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../logger';
import { rateLimitCollection, rateLimitModel } from './rate-limit.model';

/**
 * Per-client-address limits on password attempts and password-reset requests, kept in
 * MongoDB by rate-limiter-flexible so that every instance counts together.
 *
 * NOTE: on FerretDB 1.24 (SQLite backend) these limits hold only for requests that
 * arrive one after another. The library counts with `findOneAndUpdate` + `$inc`, and
 * FerretDB loses concurrent increments: 25 concurrent consumes of a 10-point limit let
 * 13 to 25 through in a run against the test database. They are a second line of
 * defence against spraying guesses across many accounts from one address. The account
 * lockout and the one-time-code limits must hold exactly, so they use claims under
 * unique indexes instead. The library also reads the system time, not the injected
 * clock.
 */
export function createAuthRateLimits(deps: {
  db: Connection;
  config: Config;
  clock: Clock;
  logger: Logger;
}) {
  const { db, config } = deps;
  const log = deps.logger.child({ component: 'rate-limits' });
  // Registers the model so that start-up creates the unique index on `key`.
  const RateLimits = rateLimitModel(db);

  const common = {
    storeClient: db.getClient(),
    dbName: db.name,
    tableName: rateLimitCollection,
    // Its indexes include a TTL index, which FerretDB 1.24 lacks; the model creates the unique one.
    disableIndexesCreation: true,
  };
  const loginPerIp = new RateLimiterMongo({
    ...common,
    keyPrefix: 'login_ip',
    points: config.LOGIN_ATTEMPTS_PER_IP,
    duration: Math.round(config.LOGIN_IP_WINDOW_MINUTES * 60),
  });
  const resetPerIp = new RateLimiterMongo({
    ...common,
    keyPrefix: 'reset_ip',
    points: config.PASSWORD_RESET_REQUESTS_PER_IP,
    duration: 3600,
  });

  async function consume(limiter: RateLimiterMongo, name: string, clientIp: string): Promise<void> {
    try {
      await limiter.consume(clientIp);
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) {
        const seconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
        log.warn({ limit: name, ip: clientIp, retryAfterSeconds: seconds }, 'rate limit reached');
        throw new AppError('request.rate_limited', {
          details: { retryAfterSeconds: seconds },
          headers: { 'Retry-After': String(seconds) },
        });
      }
      // A limit that cannot be counted does not let the request through.
      log.error({ limit: name, err: rejection }, 'rate limit store failed');
      throw new AppError('request.unavailable', { cause: rejection });
    }
  }

  /** Deletes windows that have ended; the library ignores them already. */
  async function sweep(): Promise<number> {
    return (await RateLimits.deleteMany({ expire: { $lte: deps.clock.now() } })).deletedCount;
  }

  return {
    /** Counts one password attempt from the address; throws request.rate_limited past the limit. */
    loginAttempt: (clientIp: string) => consume(loginPerIp, 'login_ip', clientIp),
    /** Counts one password-reset code request from the address. */
    passwordResetRequest: (clientIp: string) => consume(resetPerIp, 'reset_ip', clientIp),
    sweep,
  };
}

export type AuthRateLimits = ReturnType<typeof createAuthRateLimits>;
