import type { CompanyAccountView, SelfView } from '@ucz/shared';
import type { AccountDoc } from './account.model';
import type { CompanyDoc } from './company.model';

/** Builds the account's own view, returned at login and by GET /api/auth/me. */
export function selfViewOf(account: AccountDoc, company: CompanyDoc): SelfView {
  return {
    id: account._id.toString(),
    username: account.username,
    name: account.name,
    department: account.department,
    phone: account.phone,
    title: account.title,
    email: account.email,
    ...(account.mobile ? { mobile: account.mobile } : {}),
    role: account.role,
    permissions: account.permissions,
    locale: account.locale,
    company: {
      id: company._id.toString(),
      fullName: company.fullName,
      ...(company.shortName ? { shortName: company.shortName } : {}),
      ...(company.customerManager?.name
        ? { customerManagerName: company.customerManager.name }
        : {}),
    },
  };
}

/** Builds the view of an account in the company admin console. */
export function companyAccountViewOf(account: AccountDoc): CompanyAccountView {
  return {
    id: account._id.toString(),
    username: account.username,
    name: account.name,
    department: account.department,
    phone: account.phone,
    title: account.title,
    email: account.email,
    ...(account.mobile ? { mobile: account.mobile } : {}),
    role: account.role,
    status: account.status,
    permissions: account.permissions,
    activated: Boolean(account.passwordHash),
    createdAt:
      (account as { createdAt?: Date }).createdAt?.toISOString() ?? new Date(0).toISOString(),
    ...(account.lastLoginAt ? { lastLoginAt: account.lastLoginAt.toISOString() } : {}),
  };
}
