import { auditListQuerySchema, auditListSchema, operatorAuditListQuerySchema } from '@ucz/shared';
import type { Middleware } from 'koa';
import type { ApiRouter } from '../../http/api-router';
import type { AppState } from '../../http/context';
import type { AuditLog } from './audit.service';

/** Registers the audit log routes: company admins see their company's entries, operator admins all entries. */
export function registerAuditRoutes(
  api: ApiRouter,
  audit: AuditLog,
  guards: { requireCompanyAdmin: Middleware<AppState>; requireOperatorAdmin: Middleware<AppState> },
): void {
  api.route(
    {
      method: 'get',
      path: '/api/company/audit',
      summary: "Audit log entries of the admin's company, newest first",
      tags: ['company-admin'],
      security: ['accountCookie', 'accountToken'],
      before: [guards.requireCompanyAdmin],
      query: auditListQuerySchema,
      responses: { 200: { description: 'Entries', schema: auditListSchema } },
    },
    async (ctx, { query }) => {
      const companyId = ctx.state.account?.companyId;
      // requireCompanyAdmin sets the account; without it no entry may be listed.
      if (!companyId) throw new Error('company audit route reached without an account session');
      ctx.body = await audit.list({ ...query, companyId });
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/operator/audit',
      summary: 'All audit log entries, newest first, optionally of one company',
      tags: ['operator'],
      security: ['staffToken', 'staffCookie'],
      before: [guards.requireOperatorAdmin],
      query: operatorAuditListQuerySchema,
      responses: { 200: { description: 'Entries', schema: auditListSchema } },
    },
    async (ctx, { query }) => {
      ctx.body = await audit.list(query);
    },
  );
}
