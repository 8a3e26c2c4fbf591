import {
  logoutRequestSchema,
  refreshRequestSchema,
  refreshResponseSchema,
  staffLoginRequestSchema,
  staffLoginResponseSchema,
  staffMeResponseSchema,
} from '@ucz/shared';
import type { ApiRouter } from '../../http/api-router';
import { requestMetaOf } from '../audit/audit.service';
import type { AuthServices } from './auth.module';
import { deliverSession, sessionCookieNames } from './session-cookies';
import { createSessionHandlers } from './session-handlers';

const tags = ['review'];

/**
 * Login, refresh, logout and identity of reviewers and operator admins: the account
 * session machinery with subject type `staff` and its own cookie names.
 */
export function registerStaffSessionRoutes(api: ApiRouter, auth: AuthServices): void {
  const { staffLogin, guard, cookieSecurity, sessions } = auth;
  const names = sessionCookieNames.staff;
  const handlers = createSessionHandlers({ sessions, cookieSecurity, audit: auth.audit }, 'staff');

  api.route(
    {
      method: 'post',
      path: '/api/review/login',
      summary: 'Log a reviewer or operator admin in with username and password',
      tags,
      body: staffLoginRequestSchema,
      responses: { 200: { description: 'Logged in', schema: staffLoginResponseSchema } },
    },
    async (ctx, { body }) => {
      const result = await staffLogin.login(body, {
        ...requestMetaOf(ctx),
        ip: ctx.state.clientIp,
      });
      ctx.body = {
        session: deliverSession(ctx, names, result.session, cookieSecurity(ctx)),
        staff: result.staff,
      };
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/review/refresh',
      summary: 'Exchange a staff refresh token (cookie or body) for new tokens',
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
      path: '/api/review/logout',
      summary: 'End the staff session (no error when it has already ended)',
      tags,
      body: logoutRequestSchema,
      responses: { 204: { description: 'Logged out' } },
    },
    async (ctx, { body }) => {
      await handlers.logout(ctx, body);
      ctx.status = 204;
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/review/me',
      summary: 'The logged-in staff member',
      tags,
      security: ['staffToken', 'staffCookie'],
      before: [guard.requireStaff()],
      responses: { 200: { description: 'The staff member', schema: staffMeResponseSchema } },
    },
    async (ctx) => {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { staff: ctx.state.staff };
    },
  );
}
