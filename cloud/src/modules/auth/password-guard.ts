import type { Connection } from 'mongoose';
import type { Config } from '../../config';
import type { Clock } from '../../lib/clock';
import { isDuplicateKeyError } from '../../lib/mongo-errors';
import type { Logger } from '../../logger';
import type { PasswordHasher } from '../accounts/password-hasher';
import { loginAttemptModel } from './login-attempt.model';

/** Failed attempts older than this stop counting towards a lock. */
const failureMemoryMs = 24 * 3_600_000;

export type PasswordCheck =
  | { result: 'ok' }
  | { result: 'wrong'; failures: number; lockedUntil?: Date }
  | { result: 'locked'; lockedUntil: Date };

/**
 * Outcome of the password work run by `attempt`: `match` is the subject's current
 * password and clears its failures. `accepted` is a password that the caller accepts
 * but that is not the subject's current one (the password of an older application), so
 * it frees only its own attempt slot and leaves earlier failures counting.
 */
export type PasswordVerdict = 'match' | 'accepted' | 'mismatch';

/** Guard subject of an account: login, password change and the progress query share it. */
export function accountSubject(accountId: { toString(): string }): string {
  return `account:${accountId.toString()}`;
}

/**
 * Guard subject of a username that has no account (unknown, or only in pending
 * applications), keyed by its normalised form so that every spelling shares one count.
 */
export function usernameSubject(usernameKey: string): string {
  return `username:${usernameKey}`;
}

/**
 * Checks passwords with the lockout rule: LOGIN_MAX_FAILURES consecutive wrong
 * passwords lock the subject for LOGIN_LOCK_MINUTES. Every path runs one Argon2
 * verification, so an unknown name, a locked subject and a wrong password take about
 * the same time.
 */
export function createPasswordGuard(deps: {
  db: Connection;
  clock: Clock;
  config: Pick<Config, 'LOGIN_MAX_FAILURES' | 'LOGIN_LOCK_MINUTES'>;
  hasher: PasswordHasher;
  logger: Logger;
}) {
  const { clock, config, hasher } = deps;
  const Attempts = loginAttemptModel(deps.db);
  const maxFailures = config.LOGIN_MAX_FAILURES;
  const lockMs = config.LOGIN_LOCK_MINUTES * 60_000;

  /** Claims the lowest free attempt slot; undefined when all are taken. */
  async function claimSlot(subjectKey: string, now: Date): Promise<number | undefined> {
    const taken = new Set(
      (await Attempts.find({ subjectKey }, { slot: 1 }).lean()).map((entry) => entry.slot),
    );
    for (let slot = 1; slot <= maxFailures; slot += 1) {
      if (taken.has(slot)) continue;
      try {
        await Attempts.create({
          subjectKey,
          slot,
          createdAt: now,
          expiresAt: new Date(now.getTime() + Math.max(failureMemoryMs, lockMs)),
        });
        return slot;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
    return undefined;
  }

  /**
   * Runs `verify` under the lockout rule of `subjectKey`: the attempt first claims a
   * slot under the unique index, so concurrent attempts cannot exceed the limit, and
   * only then is the password checked. `verify` must run the Argon2 work of one check
   * (a placeholder verification when there is no hash), so every path takes about the
   * same time.
   */
  async function attempt(
    subjectKey: string,
    password: string,
    verify: () => Promise<PasswordVerdict>,
  ): Promise<PasswordCheck> {
    const now = clock.now();
    await Attempts.deleteMany({ subjectKey, expiresAt: { $lte: now } });

    const pending = await Attempts.find({ subjectKey }, { createdAt: 1 }).lean();
    if (pending.length >= maxFailures) {
      const newest = Math.max(...pending.map((entry) => entry.createdAt.getTime()));
      const lockedUntil = new Date(newest + lockMs);
      if (now.getTime() < lockedUntil.getTime()) {
        await hasher.verifyNothing(password);
        return { result: 'locked', lockedUntil };
      }
      // The lock is over: its failures no longer count.
      await Attempts.deleteMany({ subjectKey, createdAt: { $lte: new Date(newest) } });
    }

    const slot = await claimSlot(subjectKey, now);
    if (slot === undefined) {
      // Concurrent attempts took the last slots a moment ago.
      await hasher.verifyNothing(password);
      return { result: 'locked', lockedUntil: new Date(now.getTime() + lockMs) };
    }

    const verdict = await verify();
    if (verdict === 'match') {
      await Attempts.deleteMany({ subjectKey });
      return { result: 'ok' };
    }
    if (verdict === 'accepted') {
      await Attempts.deleteOne({ subjectKey, slot });
      return { result: 'ok' };
    }
    if (slot >= maxFailures) {
      const lockedUntil = new Date(now.getTime() + lockMs);
      deps.logger.warn({ subjectKey, lockedUntil }, 'locked after repeated wrong passwords');
      return { result: 'wrong', failures: slot, lockedUntil };
    }
    return { result: 'wrong', failures: slot };
  }

  /**
   * Checks `password` against `passwordHash` for the subject `subjectKey`
   * (`account:<id>`, `staff:<id>` or `username:<key>`). An absent hash (no password set
   * yet, or no account of that name) never matches but costs the same time.
   */
  async function check(
    subjectKey: string,
    passwordHash: string | undefined,
    password: string,
  ): Promise<PasswordCheck> {
    return attempt(subjectKey, password, async () => {
      const matches = passwordHash
        ? await hasher.verify(passwordHash, password)
        : await hasher.verifyNothing(password);
      return matches ? 'match' : 'mismatch';
    });
  }

  /** Forgets the failures of a subject, after its password was reset. */
  async function clear(subjectKey: string): Promise<void> {
    await Attempts.deleteMany({ subjectKey });
  }

  /** Deletes failures that no longer count. */
  async function sweep(): Promise<number> {
    return (await Attempts.deleteMany({ expiresAt: { $lte: clock.now() } })).deletedCount;
  }

  return { attempt, check, clear, sweep };
}

export type PasswordGuard = ReturnType<typeof createPasswordGuard>;
