import {
  activateRequestSchema,
  changePasswordRequestSchema,
  loginCodeRequestSchema,
  loginCodeResponseSchema,
  loginRequestSchema,
  loginResponseSchema,
  logoutRequestSchema,
  passwordResetCodeRequestSchema,
  passwordResetCodeResponseSchema,
  passwordResetRequestSchema,
  refreshRequestSchema,
  refreshResponseSchema,
  selfViewSchema,
} from '@ucz/shared';
import type { Connection } from 'mongoose';
import { z } from 'zod';
import type { ApiRouter } from '../../http/api-router';
import { AppError } from '../../http/app-error';
import type { AppContext } from '../../http/context';
import { accountModel } from '../accounts/account.model';
import type { AccountDoc } from '../accounts/account.model';
import { selfViewOf } from '../accounts/account-views';
import { companyModel } from '../accounts/company.model';
import type { CompanyDoc } from '../accounts/company.model';
import { requestMetaOf } from '../audit/audit.service';
import type { AuthServices } from './auth.module';
import { deliverSession, sessionCookieNames } from './session-cookies';
import { createSessionHandlers } from './session-handlers';

const tags = ['auth'];
const accountSecurity = ['accountToken', 'accountCookie'];

function accountOf(ctx: AppContext): NonNullable<AppContext['state']['account']> {
  // requireAccount runs before these handlers and sets it.
  const account = ctx.state.account;
  if (!account) throw new Error('account route reached without an account session');
  return account;
}

/** Account login (password + one-time code), sessions, password change, reset and activation. */
export function registerAuthRoutes(api: ApiRouter, auth: AuthServices, db: Connection): void {
  const { accountLogin, passwords, guard, cookieSecurity, sessions } = auth;
  const names = sessionCookieNames.account;
  const handlers = createSessionHandlers(
    { sessions, cookieSecurity, audit: auth.audit },
    'account',
  );
  const Accounts = accountModel(db);
  const Companies = companyModel(db);

  api.route(
    {
      method: 'post',
      path: '/api/auth/login/code',
      summary: 'Check account name and password, then send the one-time login code by SMS or email',
      tags,
      body: loginCodeRequestSchema,
      responses: {
        200: {
          description: 'Code sent; send the challenge id with the login',
          schema: loginCodeResponseSchema,
        },
      },
    },
    async (ctx, { body }) => {
      ctx.body = await accountLogin.requestCode(
        body,
        { ...requestMetaOf(ctx), ip: ctx.state.clientIp },
        ctx.state.locale,
      );
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/auth/login',
      summary: 'Log in with password and one-time code; starts a cookie or bearer session',
      tags,
      body: loginRequestSchema,
      responses: { 200: { description: 'Logged in', schema: loginResponseSchema } },
    },
    async (ctx, { body }) => {
      const result = await accountLogin.login(body, {
        ...requestMetaOf(ctx),
        ip: ctx.state.clientIp,
      });
      ctx.body = {
        session: deliverSession(ctx, names, result.session, cookieSecurity(ctx)),
        account: selfViewOf(result.account, result.company),
      };
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/auth/refresh',
      summary:
        'Exchange the refresh token (cookie or body) for new tokens; a reused token ends the session',
      tags,
      body: refreshRequestSchema,
      responses: { 200: { description: 'New tokens', schema: refreshResponseSchema } },
    },
    async (ctx, { body }) => {
      ctx.body = await handlers.refresh(ctx, body.refreshToken);
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/auth/logout',
      summary: 'End this session, or with `everywhere` every session of the account',
      tags,
      body: logoutRequestSchema,
      responses: { 204: { description: 'Logged out (also when no session was open)' } },
    },
    async (ctx, { body }) => {
      await handlers.logout(ctx, body);
      ctx.status = 204;
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/auth/me',
      summary: 'The logged-in account and its company',
      tags,
      security: accountSecurity,
      before: [guard.requireAccount()],
      responses: {
        200: { description: 'The account', schema: z.object({ account: selfViewSchema }) },
      },
    },
    async (ctx) => {
      const account = await Accounts.findById(accountOf(ctx).id).lean<AccountDoc>();
      const company = account
        ? await Companies.findById(account.companyId).lean<CompanyDoc>()
        : null;
      if (!account || !company) throw new AppError('auth.unauthenticated');
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { account: selfViewOf(account, company) };
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/auth/password',
      summary:
        'Change the password; ends every other session and returns a new one for this client',
      tags,
      security: accountSecurity,
      before: [guard.requireAccount()],
      body: changePasswordRequestSchema,
      responses: { 200: { description: 'Password changed', schema: refreshResponseSchema } },
    },
    async (ctx, { body }) => {
      const transport = ctx.state.session?.transport ?? 'bearer';
      const session = await passwords.change(
        {
          accountId: accountOf(ctx).id,
          oldPassword: body.oldPassword,
          newPassword: body.newPassword,
          transport,
        },
        requestMetaOf(ctx),
      );
      ctx.body = { session: deliverSession(ctx, names, session, cookieSecurity(ctx)) };
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/auth/password-reset/code',
      summary:
        'Email a password reset code; the answer is the same whether or not an account uses the address',
      tags,
      body: passwordResetCodeRequestSchema,
      responses: { 202: { description: 'Accepted', schema: passwordResetCodeResponseSchema } },
    },
    async (ctx, { body }) => {
      ctx.body = await passwords.requestResetCode(body.email, ctx.state.locale, {
        ...requestMetaOf(ctx),
        ip: ctx.state.clientIp,
      });
      ctx.status = 202;
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/auth/password-reset',
      summary: 'Set a new password with the emailed reset code; ends every session of the account',
      tags,
      body: passwordResetRequestSchema,
      responses: { 204: { description: 'Password reset; log in with the new password' } },
    },
    async (ctx, { body }) => {
      await passwords.reset(body, requestMetaOf(ctx));
      ctx.status = 204;
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/auth/activate',
      summary:
        'Set the password of an account an admin added or reset, with the emailed link token or email and code',
      tags,
      body: activateRequestSchema,
      responses: { 204: { description: 'Password set; log in with it' } },
    },
    async (ctx, { body }) => {
      await passwords.activate(body, requestMetaOf(ctx));
      ctx.status = 204;
    },
  );
}
