import { isStrongPassword, tidyText, usernameKey } from '@ucz/shared';
import type { Connection } from 'mongoose';
import { z } from 'zod';
import { AppError } from '../../http/app-error';
import { fieldProblemsOf, requestParseOptions } from '../../http/zod-issues';
import { isDuplicateKeyError } from '../../lib/mongo-errors';
import type { Logger } from '../../logger';
import type { PasswordHasher } from '../accounts/password-hasher';
import { staffModel, staffRoles } from './staff.model';
import type { StaffRole } from './staff.model';

/** Staff usernames: letters, digits and `. _ - @`, so they are easy to type at a terminal. */
export const staffUsernamePattern = /^[A-Za-z0-9._@-]{2,64}$/u;

const newStaffSchema = z.object({
  username: z.string().trim().regex(staffUsernamePattern),
  name: z.string().transform(tidyText).pipe(z.string().min(1).max(50)),
  password: z.string(),
  role: z.enum(staffRoles).default('reviewer'),
});

export type NewStaffInput = z.input<typeof newStaffSchema>;

export interface CreatedStaff {
  id: string;
  username: string;
  name: string;
  role: StaffRole;
}

export interface StaffAccountDeps {
  db: Connection;
  hasher: PasswordHasher;
  logger?: Logger;
}

/**
 * Creates an active staff account (a reviewer unless `role` is operator_admin).
 * Throws AppError `request.invalid` for a bad username or name, `password.weak` for a
 * password that breaks the password rule, and `staff.username_taken` for a username
 * already used regardless of case.
 */
export async function createReviewer(
  deps: StaffAccountDeps,
  input: NewStaffInput,
): Promise<CreatedStaff> {
  const parsed = newStaffSchema.safeParse(input, requestParseOptions);
  if (!parsed.success)
    throw new AppError('request.invalid', { fields: fieldProblemsOf(parsed.error) });
  const { username, name, password, role } = parsed.data;
  if (!isStrongPassword(password)) {
    throw new AppError('password.weak', { fields: [{ field: 'password', code: 'weak_password' }] });
  }

  const Staff = staffModel(deps.db);
  const key = usernameKey(username);
  // Checked first so the usual duplicate costs no hashing; the unique index decides races.
  if (await Staff.exists({ usernameKey: key })) {
    throw new AppError('staff.username_taken', { params: { username } });
  }

  const passwordHash = await deps.hasher.hash(password);
  try {
    const staff = await Staff.create({
      username,
      usernameKey: key,
      name,
      passwordHash,
      role,
      status: 'active',
    });
    deps.logger?.info({ staffId: staff._id.toString(), username, role }, 'staff account created');
    return { id: staff._id.toString(), username, name, role };
  } catch (error) {
    // usernameKey is the only unique key besides _id, which is generated here.
    if (isDuplicateKeyError(error)) {
      throw new AppError('staff.username_taken', { params: { username }, cause: error });
    }
    throw error;
  }
}
