import type { Connection } from 'mongoose';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import { isDuplicateKeyError } from '../../lib/mongo-errors';
import type { Logger } from '../../logger';
import { progressFailureModel, progressLockModel } from './progress-attempt.model';

/** Wrong passwords in a row that lock a username in the progress query. */
export const maxProgressFailures = 5;
/** How long the lock lasts; also how long a failure keeps counting. */
export const progressLockMs = 15 * 60 * 1000;

/**
 * Locks the progress query by password for a username key after repeated failures:
 * 5 wrong passwords without a success in between, each within 15 minutes of the
 * check, lock the name for 15 minutes. Unknown names are counted the same way.
 */
export function createProgressLockout(deps: { db: Connection; clock: Clock }) {
  const Failure = progressFailureModel(deps.db);
  const Lock = progressLockModel(deps.db);

  /** Throws request.rate_limited, with Retry-After, while the name is locked. */
  async function assertNotLocked(key: string): Promise<void> {
    const lock = await Lock.findById(key).lean();
    const remainingMs = lock ? lock.lockedUntil.getTime() - deps.clock.now().getTime() : 0;
    if (remainingMs > 0) {
      const seconds = Math.ceil(remainingMs / 1000);
      throw new AppError('request.rate_limited', {
        details: { retryAfterSeconds: seconds },
        headers: { 'Retry-After': String(seconds) },
      });
    }
  }

  async function recordFailure(key: string, log: Logger): Promise<void> {
    const now = deps.clock.now();
    await Failure.create({ key, at: now });
    const recent = await Failure.countDocuments({
      key,
      at: { $gt: new Date(now.getTime() - progressLockMs) },
    });
    if (recent < maxProgressFailures) return;

    const lockedUntil = new Date(now.getTime() + progressLockMs);
    await Lock.updateOne({ _id: key }, { $set: { lockedUntil } }, { upsert: true }).catch(
      (error: unknown) => {
        // A concurrent failure inserted the same lock first; its time is as good as this one.
        if (!isDuplicateKeyError(error)) throw error;
      },
    );
    await Failure.deleteMany({ key });
    log.warn({ failures: recent }, 'progress query locked after repeated wrong passwords');
  }

  async function reset(key: string): Promise<void> {
    await Failure.deleteMany({ key });
  }

  return { assertNotLocked, recordFailure, reset };
}

export type ProgressLockout = ReturnType<typeof createProgressLockout>;
