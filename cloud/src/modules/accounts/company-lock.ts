import { randomBytes } from 'node:crypto';
import { Schema } from 'mongoose';
import type { Connection, InferSchemaType } from 'mongoose';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import { isDuplicateKeyError } from '../../lib/mongo-errors';

/** A lock left by a crashed request is taken over after this long. */
const staleLockMs = 30_000;

/**
 * A short lock on one company's accounts, held while a change must see the others
 * unchanged (disabling an admin checks that another active admin remains). Inserting
 * the document under its unique _id is the lock, which holds on MongoDB and FerretDB
 * alike without transactions.
 */
const companyLockSchema = new Schema(
  {
    /** The company id. */
    _id: { type: String, required: true },
    holder: { type: String, required: true },
    lockedAt: { type: Date, required: true },
  },
  { collection: 'company_locks', versionKey: false },
);

export type CompanyLockDoc = InferSchemaType<typeof companyLockSchema>;

function registerModel(db: Connection) {
  return db.model('CompanyLock', companyLockSchema);
}

type CompanyLockModel = ReturnType<typeof registerModel>;

function companyLockModel(db: Connection): CompanyLockModel {
  return (db.models.CompanyLock as CompanyLockModel | undefined) ?? registerModel(db);
}

/** Runs `work` while holding the lock of a company; throws account.busy when another request holds it. */
export function createCompanyLock(deps: { db: Connection; clock: Clock }) {
  const Locks = companyLockModel(deps.db);

  async function acquire(companyId: string, holder: string): Promise<void> {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      try {
        await Locks.create({ _id: companyId, holder, lockedAt: deps.clock.now() });
        return;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const current = await Locks.findById(companyId).lean();
      if (current && deps.clock.now().getTime() - current.lockedAt.getTime() < staleLockMs) break;
      if (current) await Locks.deleteOne({ _id: companyId, holder: current.holder });
    }
    throw new AppError('account.busy');
  }

  return async function withCompanyLock<T>(companyId: string, work: () => Promise<T>): Promise<T> {
    const holder = randomBytes(12).toString('base64url');
    await acquire(companyId, holder);
    try {
      return await work();
    } finally {
      await Locks.deleteOne({ _id: companyId, holder });
    }
  };
}

export type WithCompanyLock = ReturnType<typeof createCompanyLock>;
