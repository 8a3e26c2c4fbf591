import { usernameKey } from '@ucz/shared';
import type { Connection } from 'mongoose';
import type { Logger } from '../logger';
import type { PasswordHasher } from '../modules/accounts/password-hasher';
import { createReviewer } from '../modules/staff/staff-accounts';
import { staffModel } from '../modules/staff/staff.model';

/** Staff accounts that simulator mode provides so a tester can review at once. */
export const simulatorStaff = [
  { username: 'reviewer', name: '审核员（模拟）', role: 'reviewer' },
  { username: 'operator', name: '运营管理员（模拟）', role: 'operator_admin' },
] as const;

/** Creates the simulator's staff accounts that do not exist yet; existing ones are left as they are. */
export async function seedSimulatorStaff(deps: {
  db: Connection;
  hasher: PasswordHasher;
  logger: Logger;
  password: string;
}): Promise<void> {
  const Staff = staffModel(deps.db);
  for (const staff of simulatorStaff) {
    if (await Staff.exists({ usernameKey: usernameKey(staff.username) })) continue;
    await createReviewer(
      { db: deps.db, hasher: deps.hasher, logger: deps.logger },
      { username: staff.username, name: staff.name, role: staff.role, password: deps.password },
    );
    deps.logger.info(
      { username: staff.username, role: staff.role },
      'simulator staff account created',
    );
  }
}
