import type { Connection } from 'mongoose';
import type { Config } from '../../config';
import type { Clock } from '../../lib/clock';
import { createLeaseLocks, leaseLockModel } from '../../lib/lease-lock';
import type { Logger } from '../../logger';
import type { FilesService } from '../files/files.service';
import { applicationTokenModel } from './application-token.model';
import { applicationModel } from './application.model';
import { draftLockKey } from './draft-store';
import { draftModel } from './draft.model';
import type { DraftDoc } from './draft.model';

const msPerDay = 24 * 60 * 60 * 1000;
/** Drafts removed per sweep, so one run stays short; the rest go in the next runs. */
const draftBatchSize = 200;

export interface CertificationSweepResult {
  drafts: number;
  files: number;
  applicationTokens: number;
  leaseLocks: number;
}

export interface CertificationSweeperDeps {
  db: Connection;
  clock: Clock;
  logger: Logger;
  files: Pick<FilesService, 'deleteFile'>;
  config: Pick<Config, 'DRAFT_TTL_DAYS'>;
}

/**
 * Deletes drafts unused for DRAFT_TTL_DAYS with their uploads (except files that an
 * application still shows), expired application tokens and expired lease locks. Failed
 * progress-query passwords are login attempts, which the auth sweeper removes. Reads
 * check expiry themselves, so the sweep only keeps the collections small. It is safe to
 * run at any time and on several instances at once.
 */
export async function sweepStaleCertificationRecords(
  deps: CertificationSweeperDeps,
): Promise<CertificationSweepResult> {
  const { db, clock, logger, files } = deps;
  const now = clock.now();
  const locks = createLeaseLocks({ db, clock });
  const Draft = draftModel(db);
  const Application = applicationModel(db);
  const result: CertificationSweepResult = {
    drafts: 0,
    files: 0,
    applicationTokens: 0,
    leaseLocks: 0,
  };

  const cutoff = new Date(now.getTime() - deps.config.DRAFT_TTL_DAYS * msPerDay);
  const stale = await Draft.find({ lastSeenAt: { $lt: cutoff } })
    .limit(draftBatchSize)
    .lean<DraftDoc[]>();
  for (const draft of stale) {
    // An edit in progress keeps the draft; the next sweep looks again.
    const release = await locks.tryAcquire(draftLockKey(draft._id), 60_000);
    if (!release) continue;
    try {
      const current = await Draft.findById(draft._id).lean<DraftDoc>();
      if (!current || current.lastSeenAt.getTime() >= cutoff.getTime()) continue;
      const application = current.applicationId
        ? await Application.findById(current.applicationId, { files: 1 }).lean()
        : null;
      const shown = new Set((application?.files ?? []).map((file) => file.fileId.toString()));
      for (const file of current.files) {
        if (shown.has(file.fileId.toString())) continue;
        await files.deleteFile(file.fileId);
        result.files += 1;
      }
      await Draft.deleteOne({ _id: current._id });
      result.drafts += 1;
    } finally {
      await release();
    }
  }

  result.applicationTokens = (
    await applicationTokenModel(db).deleteMany({ expiresAt: { $lte: now } })
  ).deletedCount;
  result.leaseLocks = (
    await leaseLockModel(db).deleteMany({ expiresAt: { $lte: now } })
  ).deletedCount;

  const total = Object.values(result).reduce((sum, count) => sum + count, 0);
  if (total > 0)
    logger.info({ component: 'certification', ...result }, 'stale certification records swept');
  return result;
}
