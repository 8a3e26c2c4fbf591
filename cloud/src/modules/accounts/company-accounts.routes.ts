import {
  accountIdParamsSchema,
  companyAccountListQuerySchema,
  companyAccountListSchema,
  companyAccountResponseSchema,
  createCompanyAccountRequestSchema,
  linkSentResponseSchema,
  permissionsRequestSchema,
  updateCompanyAccountRequestSchema,
} from '@ucz/shared';
import type { Middleware } from 'koa';
import type { ApiRouter } from '../../http/api-router';
import type { AppContext, AppState } from '../../http/context';
import { requestMetaOf } from '../audit/audit.service';
import type { CompanyAccountsService, CompanyAdmin } from './company-accounts.service';

const tags = ['company-admin'];
const security = ['accountCookie', 'accountToken'];

function adminOf(ctx: AppContext): CompanyAdmin {
  // requireAccount({ role: 'admin' }) runs before every handler here and sets it.
  const account = ctx.state.account;
  if (!account) throw new Error('company admin route reached without an account session');
  return { id: account.id, username: account.username, companyId: account.companyId };
}

/** Registers the company admin console: the accounts of the admin's own company. */
export function registerCompanyAccountRoutes(
  api: ApiRouter,
  service: CompanyAccountsService,
  requireAdmin: Middleware<AppState>,
): void {
  const common = { tags, security, before: [requireAdmin] };

  api.route(
    {
      ...common,
      method: 'get',
      path: '/api/company/accounts',
      summary: "List the accounts of the admin's company",
      query: companyAccountListQuerySchema,
      responses: {
        200: { description: 'Accounts, oldest first', schema: companyAccountListSchema },
      },
    },
    async (ctx, { query }) => {
      ctx.body = await service.list(adminOf(ctx), query);
    },
  );

  api.route(
    {
      ...common,
      method: 'post',
      path: '/api/company/accounts',
      summary: 'Add an ordinary account; the person gets an emailed link to set a password',
      body: createCompanyAccountRequestSchema,
      responses: { 201: { description: 'Account added', schema: linkSentResponseSchema } },
    },
    async (ctx, { body }) => {
      ctx.body = await service.create(adminOf(ctx), body, ctx.state.locale, requestMetaOf(ctx));
      ctx.status = 201;
    },
  );

  api.route(
    {
      ...common,
      method: 'patch',
      path: '/api/company/accounts/:id',
      summary: "Edit an account's name, department, phones, title or email",
      params: accountIdParamsSchema,
      body: updateCompanyAccountRequestSchema,
      responses: { 200: { description: 'The account', schema: companyAccountResponseSchema } },
    },
    async (ctx, { params, body }) => {
      ctx.body = {
        account: await service.update(adminOf(ctx), params.id, body, requestMetaOf(ctx)),
      };
    },
  );

  api.route(
    {
      ...common,
      method: 'post',
      path: '/api/company/accounts/:id/disable',
      summary:
        "Disable an account and end its sessions; refused for the company's last active admin",
      params: accountIdParamsSchema,
      responses: { 200: { description: 'The account', schema: companyAccountResponseSchema } },
    },
    async (ctx, { params }) => {
      ctx.body = {
        account: await service.setStatus(adminOf(ctx), params.id, 'disabled', requestMetaOf(ctx)),
      };
    },
  );

  api.route(
    {
      ...common,
      method: 'post',
      path: '/api/company/accounts/:id/enable',
      summary: 'Enable a disabled account',
      params: accountIdParamsSchema,
      responses: { 200: { description: 'The account', schema: companyAccountResponseSchema } },
    },
    async (ctx, { params }) => {
      ctx.body = {
        account: await service.setStatus(adminOf(ctx), params.id, 'active', requestMetaOf(ctx)),
      };
    },
  );

  api.route(
    {
      ...common,
      method: 'put',
      path: '/api/company/accounts/:id/permissions',
      summary: 'Set the business categories the account may handle',
      params: accountIdParamsSchema,
      body: permissionsRequestSchema,
      responses: { 200: { description: 'The account', schema: companyAccountResponseSchema } },
    },
    async (ctx, { params, body }) => {
      ctx.body = {
        account: await service.setPermissions(
          adminOf(ctx),
          params.id,
          body.permissions,
          requestMetaOf(ctx),
        ),
      };
    },
  );

  api.route(
    {
      ...common,
      method: 'post',
      path: '/api/company/accounts/:id/password-reset',
      summary:
        'Reset the password: the old one stops working, sessions end, a link to set a new one is emailed',
      params: accountIdParamsSchema,
      responses: { 200: { description: 'Password reset', schema: linkSentResponseSchema } },
    },
    async (ctx, { params }) => {
      ctx.body = await service.resetPassword(adminOf(ctx), params.id, requestMetaOf(ctx));
    },
  );

  api.route(
    {
      ...common,
      method: 'post',
      path: '/api/company/accounts/:id/activation',
      summary: 'Email a new link to an account that has not set its first password',
      params: accountIdParamsSchema,
      responses: { 200: { description: 'Link sent', schema: linkSentResponseSchema } },
    },
    async (ctx, { params }) => {
      ctx.body = await service.resendActivation(adminOf(ctx), params.id);
    },
  );
}
