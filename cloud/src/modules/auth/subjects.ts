import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import { accountModel } from '../accounts/account.model';
import { companyModel } from '../accounts/company.model';
import { staffModel } from '../staff/staff.model';
import type { StaffRole } from '../staff/staff.model';
import type { SubjectType } from './access-token';

/** Session-relevant state of the account or staff member behind a session. */
export type SubjectState =
  | {
      subjectType: 'account';
      id: string;
      /** Active account of a certified company with a password set. */
      active: boolean;
      sessionVersion: number;
      username: string;
      role: 'admin' | 'user';
      companyId: string;
    }
  | {
      subjectType: 'staff';
      id: string;
      active: boolean;
      sessionVersion: number;
      username: string;
      role: StaffRole;
    };

/** Reads the session-relevant state of accounts and staff members from the database. */
export function createSubjectReader(db: Connection) {
  const Accounts = accountModel(db);
  const Companies = companyModel(db);
  const Staff = staffModel(db);

  async function read(subjectType: SubjectType, id: string): Promise<SubjectState | undefined> {
    if (!Types.ObjectId.isValid(id)) return undefined;
    if (subjectType === 'staff') {
      const staff = await Staff.findById(id, {
        username: 1,
        role: 1,
        status: 1,
        sessionVersion: 1,
      }).lean();
      if (!staff) return undefined;
      return {
        subjectType,
        id,
        active: staff.status === 'active',
        sessionVersion: staff.sessionVersion,
        username: staff.username,
        role: staff.role,
      };
    }

    const account = await Accounts.findById(id, {
      username: 1,
      role: 1,
      status: 1,
      sessionVersion: 1,
      companyId: 1,
      passwordHash: 1,
    }).lean();
    if (!account) return undefined;
    // A deleted company ends the sessions of its accounts.
    const company = await Companies.findById(account.companyId, { status: 1 }).lean();
    return {
      subjectType,
      id,
      active:
        account.status === 'active' &&
        Boolean(account.passwordHash) &&
        company?.status === 'certified',
      sessionVersion: account.sessionVersion,
      username: account.username,
      role: account.role,
      companyId: account.companyId.toString(),
    };
  }

  return { read };
}

export type SubjectReader = ReturnType<typeof createSubjectReader>;
