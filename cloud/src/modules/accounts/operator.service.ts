import { tidyText } from '@ucz/shared';
import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import { AppError } from '../../http/app-error';
import type { Logger } from '../../logger';
import type { AuditLog, RequestMeta } from '../audit/audit.service';
import { parseEmail } from '../certification/account-step';
import { createReviewer } from '../staff/staff-accounts';
import type { CreatedStaff, NewStaffInput } from '../staff/staff-accounts';
import type { PasswordHasher } from './password-hasher';
import { companyModel } from './company.model';

/** The operator admin making a request, from ctx.state.staff. */
export interface OperatorAdmin {
  id: string;
  username: string;
}

/** Creates the operator admin actions: creating staff accounts and assigning customer managers to companies. */
export function createOperatorService(deps: {
  db: Connection;
  hasher: PasswordHasher;
  audit: AuditLog;
  logger: Logger;
}) {
  const { db, hasher, audit } = deps;
  const log = deps.logger.child({ component: 'operator' });
  const Companies = companyModel(db);
  const actorOf = (admin: OperatorAdmin) => ({
    type: 'staff' as const,
    id: admin.id,
    label: admin.username,
  });

  /** Creates a reviewer or operator admin; the same rules as the create-reviewer command. */
  async function createStaff(
    admin: OperatorAdmin,
    input: NewStaffInput,
    request: RequestMeta,
  ): Promise<CreatedStaff> {
    const staff = await createReviewer({ db, hasher, logger: log }, input);
    await audit.record({
      action: 'staff.created',
      actor: actorOf(admin),
      target: { type: 'staff', id: staff.id, label: staff.username },
      request,
      details: { role: staff.role },
    });
    return staff;
  }

  /**
   * Sets the customer manager of a company: the person who receives a copy of login
   * codes when a user ticks 抄送给客户经理.
   */
  async function assignCustomerManager(
    admin: OperatorAdmin,
    companyId: string,
    input: { name: string; email: string },
    request: RequestMeta,
  ) {
    const email = parseEmail(input.email);
    if (!email)
      throw new AppError('request.invalid', { fields: [{ field: 'email', code: 'invalid' }] });
    const company = Types.ObjectId.isValid(companyId)
      ? await Companies.findById(companyId, { _id: 1 }).lean()
      : null;
    if (!company) throw new AppError('company.not_found');

    const customerManager = { name: tidyText(input.name), email };
    await Companies.updateOne({ _id: company._id }, { $set: { customerManager } });
    await audit.record({
      action: 'company.customer_manager_assigned',
      actor: actorOf(admin),
      target: { type: 'company', id: companyId },
      companyId,
      request,
      details: { managerName: customerManager.name },
    });
    log.info({ companyId, staffId: admin.id }, 'customer manager assigned');
    return { companyId, customerManager };
  }

  return { createStaff, assignCustomerManager };
}

export type OperatorService = ReturnType<typeof createOperatorService>;
