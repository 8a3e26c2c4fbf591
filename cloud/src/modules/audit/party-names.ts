import type { AuditPartyView, StaffRole } from '@ucz/shared';
import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import { accountModel } from '../accounts/account.model';
import { staffModel } from '../staff/staff.model';

interface StaffName {
  name: string;
  role: StaffRole;
}

function idsOfType(parties: readonly AuditPartyView[], type: string): Types.ObjectId[] {
  const ids = new Set(
    parties
      .filter((party) => party.type === type && party.id && Types.ObjectId.isValid(party.id))
      .map((party) => party.id as string),
  );
  return [...ids].map((id) => new Types.ObjectId(id));
}

/**
 * Adds readable names to the parties of audit entries: the current username of each
 * account and the display name and role of each staff member. It runs one query per
 * collection for the whole page, whatever the number of entries. A party whose record
 * no longer exists keeps only the id and the label stored with the entry.
 */
export function createPartyNames(db: Connection) {
  const Accounts = accountModel(db);
  const Staff = staffModel(db);

  async function namesOf(parties: readonly AuditPartyView[]) {
    const accountIds = idsOfType(parties, 'account');
    const staffIds = idsOfType(parties, 'staff');
    const [accounts, staff] = await Promise.all([
      accountIds.length > 0
        ? Accounts.find({ _id: { $in: accountIds } }, { username: 1 }).lean()
        : [],
      staffIds.length > 0
        ? Staff.find({ _id: { $in: staffIds } }, { name: 1, role: 1 }).lean()
        : [],
    ]);
    return {
      accounts: new Map(accounts.map((account) => [account._id.toString(), account.username])),
      staff: new Map<string, StaffName>(
        staff.map((member) => [member._id.toString(), { name: member.name, role: member.role }]),
      ),
    };
  }

  /** Returns the parties in the same order with `name` (and `staffRole`) set where known. */
  async function resolve(parties: readonly AuditPartyView[]): Promise<AuditPartyView[]> {
    const names = await namesOf(parties);
    return parties.map((party) => {
      if (!party.id) return party;
      if (party.type === 'account') {
        const username = names.accounts.get(party.id);
        return username ? { ...party, name: username } : party;
      }
      if (party.type === 'staff') {
        const member = names.staff.get(party.id);
        return member ? { ...party, name: member.name, staffRole: member.role } : party;
      }
      return party;
    });
  }

  return { resolve };
}

export type PartyNames = ReturnType<typeof createPartyNames>;
