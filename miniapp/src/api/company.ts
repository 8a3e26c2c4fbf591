import type {
  AuditEntryView,
  BusinessCategoryCode,
  CompanyAccountView,
  CreateCompanyAccountRequest,
  UpdateCompanyAccountRequest,
} from '@ucz/shared';
import { sessionRequest } from './session';
import type { SessionRequest } from './session';

/** Result of the actions that email a link to set a password. */
export interface LinkSentResult {
  account: CompanyAccountView;
  linkSent: boolean;
  /** The masked address the link went to. */
  sentTo: string;
}

/** Calls of the company admin console (管理员账号): accounts of the admin's company and its audit log. */
export function createCompanyApi(failure: string) {
  const call = <T>(method: SessionRequest['method'], path: string, body?: unknown) =>
    sessionRequest<T>('account', { method, path, body }, failure);
  const base = '/api/company/accounts';
  const accountPath = (id: string) => `${base}/${encodeURIComponent(id)}`;

  return {
    listAccounts: (query: { status?: 'active' | 'disabled'; limit: number; offset: number }) => {
      // Built by hand: the mini-program has no URLSearchParams.
      const status = query.status ? `&status=${query.status}` : '';
      return call<{ accounts: CompanyAccountView[]; total: number }>(
        'GET',
        `${base}?limit=${query.limit}&offset=${query.offset}${status}`,
      );
    },
    createAccount: (body: CreateCompanyAccountRequest) => call<LinkSentResult>('POST', base, body),
    updateAccount: (id: string, body: UpdateCompanyAccountRequest) =>
      call<{ account: CompanyAccountView }>('PATCH', accountPath(id), body),
    disable: (id: string) =>
      call<{ account: CompanyAccountView }>('POST', `${accountPath(id)}/disable`),
    enable: (id: string) =>
      call<{ account: CompanyAccountView }>('POST', `${accountPath(id)}/enable`),
    setPermissions: (id: string, permissions: BusinessCategoryCode[]) =>
      call<{ account: CompanyAccountView }>('PUT', `${accountPath(id)}/permissions`, {
        permissions,
      }),
    resetPassword: (id: string) =>
      call<LinkSentResult>('POST', `${accountPath(id)}/password-reset`),
    resendActivation: (id: string) => call<LinkSentResult>('POST', `${accountPath(id)}/activation`),
    auditLog: (query: { limit: number; offset: number }) =>
      call<{ entries: AuditEntryView[]; total: number }>(
        'GET',
        `/api/company/audit?limit=${query.limit}&offset=${query.offset}`,
      ),
  };
}

export type CompanyApi = ReturnType<typeof createCompanyApi>;
