import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Schema } from 'mongoose';
import type { Connection } from 'mongoose';
import type { Clock } from './clock';
import { isDuplicateKeyError } from './mongo-errors';

/**
 * A lock held by one request at a time, keyed by name. Acquiring inserts a document with
 * that name as its unique _id, so two requests race on one insert and exactly one wins.
 *
 * Updates cannot serve as locks here. FerretDB 1.24 applies an update by reading the
 * document and writing it back, so concurrent updates of one document lose each other's
 * changes: 20 parallel `$inc` on one counter left it at 16 on its SQLite backend. Only
 * unique-index inserts are exclusive on both FerretDB and MongoDB.
 */
const leaseSchema = new Schema(
  {
    _id: { type: String, required: true },
    /** Random value of the holder, so only it releases the lock. */
    holder: { type: String, required: true },
    /** After this time another request may break the lock, as its holder probably crashed. */
    expiresAt: { type: Date, required: true },
  },
  { collection: 'lease_locks', versionKey: false },
);

function createModel(db: Connection) {
  return db.model('LeaseLock', leaseSchema);
}

type LeaseModel = ReturnType<typeof createModel>;

export function leaseLockModel(db: Connection): LeaseModel {
  return (db.models.LeaseLock as LeaseModel | undefined) ?? createModel(db);
}

/** Thrown by withLock when the lock stays taken for the whole wait. */
export class LockBusyError extends Error {
  constructor(readonly key: string) {
    super(`lock "${key}" is held by another request`);
    this.name = 'LockBusyError';
  }
}

export interface LeaseOptions {
  /** How long the lock holds before others may break it; longer than the work it guards. */
  ttlMs: number;
  /** How long to wait for a taken lock; 0 tries once. */
  waitMs: number;
}

const pollMs = 50;

export function createLeaseLocks(deps: { db: Connection; clock: Clock }) {
  const Lease = leaseLockModel(deps.db);

  /** Takes the lock once; returns a release function, or undefined while another holder has it. */
  async function tryAcquire(
    key: string,
    ttlMs: number,
  ): Promise<(() => Promise<void>) | undefined> {
    const holder = randomBytes(12).toString('hex');
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const now = deps.clock.now();
      try {
        await Lease.create({ _id: key, holder, expiresAt: new Date(now.getTime() + ttlMs) });
        return async () => {
          await Lease.deleteOne({ _id: key, holder });
        };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const current = await Lease.findById(key).lean();
      if (current && current.expiresAt.getTime() > now.getTime()) return undefined;
      // The holder outlived its lease: remove exactly that lease and race for the lock again.
      if (current) await Lease.deleteOne({ _id: key, holder: current.holder });
    }
    return undefined;
  }

  /** True while some request holds the lock. */
  async function isHeld(key: string): Promise<boolean> {
    const current = await Lease.findById(key).lean();
    return Boolean(current && current.expiresAt.getTime() > deps.clock.now().getTime());
  }

  /**
   * Runs `work` while holding the lock, waiting up to `waitMs` for it. Throws
   * LockBusyError when the lock stays taken. The lock is released when `work` settles.
   */
  async function withLock<T>(
    key: string,
    options: LeaseOptions,
    work: () => Promise<T>,
  ): Promise<T> {
    const started = performance.now();
    let release = await tryAcquire(key, options.ttlMs);
    while (!release) {
      if (performance.now() - started >= options.waitMs) throw new LockBusyError(key);
      await sleep(pollMs);
      release = await tryAcquire(key, options.ttlMs);
    }
    try {
      return await work();
    } finally {
      await release();
    }
  }

  return { tryAcquire, isHeld, withLock };
}

export type LeaseLocks = ReturnType<typeof createLeaseLocks>;
