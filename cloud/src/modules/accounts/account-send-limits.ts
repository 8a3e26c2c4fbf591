import type { Connection, Types } from 'mongoose';
import type { Clock } from '../../lib/clock';
import { isDuplicateKeyError } from '../../lib/mongo-errors';
import { addCalendarDays, startOfZonedDay, zonedDateOf } from '../../lib/zoned-time';
import { accountSendModel } from './account-send.model';

/**
 * Messages to an account that are limited per account: emailed password links (an
 * admin's resend of the activation link and an admin's password reset share one
 * log) and security notices by SMS.
 */
export type AccountSendKind = 'password_link' | 'security_sms';

export interface AccountSendRule {
  /** Minimum time between two sends, or 0 for none. */
  intervalSeconds: number;
  /** Sends per calendar day in BUSINESS_TIME_ZONE. */
  dailyLimit: number;
}

export type AccountSendClaim =
  | { granted: true; entryId: Types.ObjectId }
  | { granted: false; reason: 'too_soon' | 'daily_limit'; retryAfterSeconds: number };

/** How often a claim looks again after a concurrent send took the sequence number it wanted. */
const maxClaimRounds = 5;

/**
 * Creates the per-account send limits. A send claims the next sequence number under a
 * unique index instead of incrementing a counter. FerretDB 1.24 loses concurrent `$inc`
 * updates and lets every caller of a conditional findOneAndUpdate win, but a unique
 * index is exclusive on FerretDB and MongoDB alike.
 */
export function createAccountSendLimits(deps: { db: Connection; clock: Clock; timeZone: string }) {
  const { clock, timeZone } = deps;
  const Sends = accountSendModel(deps.db);

  const secondsUntil = (later: Date, now: Date) =>
    Math.max(1, Math.ceil((later.getTime() - now.getTime()) / 1000));

  /**
   * Claims one send of `kind` to the account, or returns why not and how many seconds
   * until a send is allowed. Concurrent claims cannot exceed the rule: the newest entry
   * is read before today's count, so a claim that sees another's number also counts it.
   */
  async function claim(
    kind: AccountSendKind,
    accountId: Types.ObjectId,
    rule: AccountSendRule,
  ): Promise<AccountSendClaim> {
    const now = clock.now();
    const day = zonedDateOf(now, timeZone);
    const tomorrow = startOfZonedDay(addCalendarDays(day, 1), timeZone);
    // Keeps an entry until its day and its interval are over. One extra day covers both.
    const expiresAt = new Date(
      Math.max(
        startOfZonedDay(addCalendarDays(day, 2), timeZone).getTime(),
        now.getTime() + rule.intervalSeconds * 1000,
      ),
    );

    for (let round = 0; round < maxClaimRounds; round += 1) {
      const newest = await Sends.findOne({ kind, accountId }).sort({ sequence: -1 }).lean();
      if (newest && rule.intervalSeconds > 0) {
        const allowedAt = new Date(newest.sentAt.getTime() + rule.intervalSeconds * 1000);
        if (allowedAt.getTime() > now.getTime()) {
          return {
            granted: false,
            reason: 'too_soon',
            retryAfterSeconds: secondsUntil(allowedAt, now),
          };
        }
      }
      const sentToday = await Sends.countDocuments({ kind, accountId, day });
      if (sentToday >= rule.dailyLimit) {
        return {
          granted: false,
          reason: 'daily_limit',
          retryAfterSeconds: secondsUntil(tomorrow, now),
        };
      }

      try {
        const entry = await Sends.create({
          kind,
          accountId,
          sequence: (newest?.sequence ?? 0) + 1,
          day,
          sentAt: now,
          expiresAt,
        });
        return { granted: true, entryId: entry._id };
      } catch (error) {
        // Another send took this number first, so the next round finds its entry.
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
    // Every round lost to a concurrent send, which therefore went out.
    return {
      granted: false,
      reason: 'too_soon',
      retryAfterSeconds: Math.max(1, rule.intervalSeconds),
    };
  }

  /** Gives a claim back after a failed send, so it counts against neither interval nor limit. */
  async function release(entryId: Types.ObjectId): Promise<void> {
    await Sends.deleteOne({ _id: entryId });
  }

  /** Deletes entries whose day and interval are over. */
  async function sweep(): Promise<number> {
    return (await Sends.deleteMany({ expiresAt: { $lte: clock.now() } })).deletedCount;
  }

  return { claim, release, sweep };
}

export type AccountSendLimits = ReturnType<typeof createAccountSendLimits>;
