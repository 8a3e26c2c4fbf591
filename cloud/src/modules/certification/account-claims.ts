import type { Connection, Types } from 'mongoose';
import { AppError } from '../../http/app-error';
import type { FieldProblem } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import { isDuplicateKeyError } from '../../lib/mongo-errors';
import type { Logger } from '../../logger';
import { accountModel } from '../accounts/account.model';
import { accountClaimModel } from './account-claim.model';
import type { AccountClaimDoc } from './account-claim.model';
import { applicationModel } from './application.model';
import type { ApplicationStatus } from './application.model';

/**
 * A claim whose application does not exist yet is treated as abandoned after this long:
 * submission creates the application right after claiming, so only a crash leaves one.
 */
export const orphanClaimMs = 10 * 60 * 1000;

/** Statuses in which an application keeps its username and email. */
const claimingStatuses: ApplicationStatus[] = ['pending', 'approving', 'approved'];

export interface AccountKeys {
  usernameKey: string;
  emailKey: string;
}

type ClaimedField = 'username' | 'email';

function claimIds(keys: AccountKeys): Record<ClaimedField, string> {
  return { username: `username:${keys.usernameKey}`, email: `email:${keys.emailKey}` };
}

/** Builds the 409 account.conflict error marking the conflicting fields. */
export function accountConflict(fields: ClaimedField[]): AppError {
  const problems: FieldProblem[] = fields.map((field) => ({ field, code: 'conflict' }));
  return new AppError('account.conflict', { fields: problems });
}

export interface AccountClaimsDeps {
  db: Connection;
  clock: Clock;
  logger: Logger;
}

/**
 * Keeps usernames and emails unique across accounts and live applications, regardless
 * of case and surrounding spaces (callers pass normalised keys). An application claims
 * its keys on submission; rejection releases them.
 */
export function createAccountClaims(deps: AccountClaimsDeps) {
  const Claim = accountClaimModel(deps.db);
  const Application = applicationModel(deps.db);
  const Account = accountModel(deps.db);

  /**
   * Returns true when a claim no longer reserves its key, because its application was
   * rejected after the claim was made or never came into being.
   */
  async function isReleasable(claim: AccountClaimDoc): Promise<boolean> {
    const owner = await Application.findById(claim.applicationId, {
      status: 1,
      decidedAt: 1,
      history: 1,
    }).lean();
    if (!owner) return deps.clock.now().getTime() - claim.claimedAt.getTime() > orphanClaimMs;
    if (owner.status !== 'rejected') return false;
    const rejectedAt =
      owner.decidedAt ??
      owner.history.filter((entry) => entry.event === 'rejected').at(-1)?.at ??
      undefined;
    // A claim taken again by a resubmission after the rejection still holds.
    return !rejectedAt || claim.claimedAt.getTime() <= rejectedAt.getTime();
  }

  /**
   * Lists the fields whose key is used by an account or by another live application.
   * Checks only the keys given.
   */
  async function findConflicts(
    keys: Partial<AccountKeys>,
    ownApplicationId?: Types.ObjectId | null,
  ): Promise<ClaimedField[]> {
    const conflicts: ClaimedField[] = [];
    const ids = claimIds({ usernameKey: keys.usernameKey ?? '', emailKey: keys.emailKey ?? '' });
    const accountFilter = {
      username: { usernameKey: keys.usernameKey },
      email: { emailKey: keys.emailKey },
    };
    const applicationFilter = {
      username: { 'account.usernameKey': keys.usernameKey },
      email: { 'account.emailKey': keys.emailKey },
    };
    const fields = (['username', 'email'] as const).filter((field) =>
      field === 'username' ? keys.usernameKey : keys.emailKey,
    );

    for (const field of fields) {
      const notOwn = ownApplicationId ? { _id: { $ne: ownApplicationId } } : {};
      const [account, application, claim] = await Promise.all([
        Account.exists(accountFilter[field]),
        Application.exists({
          ...applicationFilter[field],
          status: { $in: claimingStatuses },
          ...notOwn,
        }),
        Claim.findById(ids[field]).lean<AccountClaimDoc>(),
      ]);
      const foreignClaim =
        claim && !(ownApplicationId && claim.applicationId.equals(ownApplicationId));
      if (account || application || (foreignClaim && !(await isReleasable(claim))))
        conflicts.push(field);
    }
    return conflicts;
  }

  /** Claims one key for the application; returns false when another live application has it. */
  async function claimOne(id: string, applicationId: Types.ObjectId): Promise<boolean> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const now = deps.clock.now();
      try {
        await Claim.create({ _id: id, applicationId, claimedAt: now });
        return true;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }

      const existing = await Claim.findById(id).lean<AccountClaimDoc>();
      if (!existing) continue;
      if (existing.applicationId.equals(applicationId)) {
        await Claim.updateOne({ _id: id, applicationId }, { $set: { claimedAt: now } });
        return true;
      }
      if (!(await isReleasable(existing))) return false;
      deps.logger.info(
        { claimId: id, previousOwner: existing.applicationId.toString() },
        'releasing a stale account claim',
      );
      await Claim.deleteOne({ _id: id, applicationId: existing.applicationId });
    }
    return false;
  }

  /**
   * Claims the username and email for an application and drops any other keys it held
   * (a resubmission may change them). Throws account.conflict naming the fields held
   * elsewhere, after giving back every key the application held.
   */
  async function claim(applicationId: Types.ObjectId, keys: AccountKeys): Promise<void> {
    const ids = claimIds(keys);
    const conflicts: ClaimedField[] = [];
    for (const field of ['username', 'email'] as const) {
      if (!(await claimOne(ids[field], applicationId))) conflicts.push(field);
    }
    if (conflicts.length > 0) {
      await release(applicationId);
      throw accountConflict(conflicts);
    }
    await Claim.deleteMany({ applicationId, _id: { $nin: Object.values(ids) } });
  }

  /** Gives back every key an application holds; review calls this on rejection. */
  async function release(applicationId: Types.ObjectId): Promise<void> {
    await Claim.deleteMany({ applicationId });
  }

  return { findConflicts, claim, release };
}

export type AccountClaims = ReturnType<typeof createAccountClaims>;
