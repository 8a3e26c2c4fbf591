import type { OwnApplication } from '@ucz/shared';
import type { Connection, Types } from 'mongoose';
import { AppError } from '../../http/app-error';
import { accountModel } from '../accounts/account.model';
import { applicationModel } from '../certification/application.model';
import type { ApplicationDoc } from '../certification/application.model';
import { applicationProgressView } from '../certification/views';

/** At most this many applications are listed, newest first. */
export const maxOwnApplications = 50;

export interface OwnApplicationsService {
  /** Lists the certification applications of an account, newest first; auth.unauthenticated when the account is gone. */
  list(accountId: string): Promise<OwnApplication[]>;
  /** Returns the ids of the same applications, for the notifications about them. */
  ids(accountId: string): Promise<Types.ObjectId[]>;
}

/**
 * Creates the service that finds an account's own applications: the one whose approval
 * created the account. Name and email never link an application to an account: a
 * rejected application frees both, and a company admin can give another account that
 * name and, unverified, that email.
 */
export function createOwnApplicationsService(deps: { db: Connection }): OwnApplicationsService {
  const Accounts = accountModel(deps.db);
  const Applications = applicationModel(deps.db);

  async function find(accountId: string, projection?: Record<string, 1>) {
    const account = await Accounts.findById(accountId, { sourceApplicationId: 1 }).lean();
    if (!account) throw new AppError('auth.unauthenticated');
    return Applications.find(
      {
        $or: [
          { 'approval.accountId': account._id },
          ...(account.sourceApplicationId ? [{ _id: account.sourceApplicationId }] : []),
        ],
      },
      projection,
    )
      .sort({ submittedAt: -1, _id: -1 })
      .limit(maxOwnApplications)
      .lean<ApplicationDoc[]>();
  }

  return {
    async list(accountId) {
      const applications = await find(accountId);
      return applications.map((application) => ({
        ...applicationProgressView(application),
        // A resubmitted application keeps the decidedAt of its earlier rejection.
        ...(application.decidedAt &&
        (application.status === 'approved' || application.status === 'rejected')
          ? { decidedAt: application.decidedAt.toISOString() }
          : {}),
      }));
    },

    async ids(accountId) {
      const applications = await find(accountId, { _id: 1 });
      return applications.map((application) => application._id);
    },
  };
}
