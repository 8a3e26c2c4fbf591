import type { Connection, Types, UpdateQuery } from 'mongoose';
import type { Config } from '../../config';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import { createLeaseLocks, LockBusyError } from '../../lib/lease-lock';
import { draftModel } from './draft.model';
import type { DraftDoc } from './draft.model';
import { hashSecretToken } from './secret-token';

/** Lease of an edit; edits are single updates, so this only matters after a crash. */
const editLease = { ttlMs: 30_000, waitMs: 5_000 };
/** Lease of a submission: OTP check, password hashing and a few writes. */
export const submissionLease = { ttlMs: 2 * 60_000, waitMs: 15_000 };
/** lastSeenAt is rewritten at most this often, so reading a draft rarely costs a write. */
const touchIntervalMs = 60 * 1000;
const msPerDay = 24 * 60 * 60 * 1000;

/** Name of the lock that every writer of a draft holds: edits, uploads and submission. */
export function draftLockKey(draftId: Types.ObjectId): string {
  return `draft:${draftId.toString()}`;
}

export interface DraftStoreDeps {
  db: Connection;
  clock: Clock;
  config: Pick<Config, 'DRAFT_TTL_DAYS'>;
}

/**
 * Finds drafts by their token and applies edits one at a time. Every write to a draft
 * happens under its lease lock, because FerretDB loses concurrent updates of one document.
 */
export function createDraftStore(deps: DraftStoreDeps) {
  const Draft = draftModel(deps.db);
  const locks = createLeaseLocks(deps);
  const ttlMs = deps.config.DRAFT_TTL_DAYS * msPerDay;

  /** Throws draft.submitted unless the draft may be edited. */
  function assertEditable(draft: Pick<DraftDoc, 'status'>): void {
    if (draft.status === 'submitted') throw new AppError('draft.submitted');
  }

  /** Records the visit when the draft is not being written; a busy draft is touched next time. */
  async function touch(draft: DraftDoc, now: Date): Promise<void> {
    const release = await locks.tryAcquire(draftLockKey(draft._id), editLease.ttlMs);
    if (!release) return;
    try {
      await Draft.updateOne({ _id: draft._id }, { $set: { lastSeenAt: now } });
      draft.lastSeenAt = now;
    } finally {
      await release();
    }
  }

  /**
   * Returns the draft of an `X-Draft-Token`, submitted or not. Throws draft.not_found for
   * a missing or unknown token and for an open draft unused for DRAFT_TTL_DAYS.
   */
  async function load(token: string | undefined): Promise<DraftDoc> {
    if (!token) throw new AppError('draft.not_found');
    const draft = await Draft.findOne({ tokenHash: hashSecretToken(token) }).lean<DraftDoc>();
    if (!draft) throw new AppError('draft.not_found');

    const now = deps.clock.now();
    const idleMs = now.getTime() - draft.lastSeenAt.getTime();
    if (draft.status === 'open' && idleMs > ttlMs) throw new AppError('draft.not_found');
    if (draft.status === 'open' && idleMs > touchIntervalMs) await touch(draft, now);
    return draft;
  }

  /** Like load, and also throws draft.submitted once the draft was submitted. */
  async function loadEditable(token: string | undefined): Promise<DraftDoc> {
    const draft = await load(token);
    assertEditable(draft);
    return draft;
  }

  /**
   * Applies an edit to an open draft under its lock and returns the result. `changes`
   * may be a function of the current draft, which can also throw to refuse the edit.
   * Throws draft.submitted once submitted and draft.busy while a submission holds the lock.
   */
  async function update(
    draft: Pick<DraftDoc, '_id'>,
    changes: UpdateQuery<DraftDoc> | ((current: DraftDoc) => UpdateQuery<DraftDoc>),
  ): Promise<DraftDoc> {
    try {
      return await locks.withLock(draftLockKey(draft._id), editLease, async () => {
        const current = await Draft.findById(draft._id).lean<DraftDoc>();
        if (!current) throw new AppError('draft.not_found');
        assertEditable(current);
        const update = typeof changes === 'function' ? changes(current) : changes;
        await Draft.updateOne(
          { _id: draft._id },
          { ...update, $set: { ...update.$set, lastSeenAt: deps.clock.now() } },
        );
        const updated = await Draft.findById(draft._id).lean<DraftDoc>();
        if (!updated) throw new AppError('draft.not_found');
        return updated;
      });
    } catch (error) {
      if (error instanceof LockBusyError) {
        const current = await Draft.findById(draft._id, { status: 1 }).lean<DraftDoc>();
        if (current) assertEditable(current);
        throw new AppError('draft.busy', { cause: error });
      }
      throw error;
    }
  }

  return { model: Draft, locks, load, loadEditable, update, assertEditable };
}

export type DraftStore = ReturnType<typeof createDraftStore>;
