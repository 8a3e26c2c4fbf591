import {
  logoutRequestSchema,
  passwordMaxLength,
  refreshRequestSchema,
  refreshResponseSchema,
  sessionViewSchema,
  tokenTransports,
} from '@ucz/shared';
import { z } from 'zod';
import type { ApiRouter } from '../../http/api-router';
import { requestMetaOf } from '../audit/audit.service';
import { staffRoles } from '../staff/staff.model';
import type { AuthServices } from './auth.module';
import { deliverSession, sessionCookieNames } from './session-cookies';
import { createSessionHandlers } from './session-handlers';

const loginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(passwordMaxLength),
  tokenTransport: z.enum(tokenTransports).default('cookie'),
});

const staffSummary = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: z.enum(staffRoles),
});
const loginResponse = z.object({ session: sessionViewSchema, staff: staffSummary });
const meResponse = z.object({
  staff: z.object({ id: z.string(), username: z.string(), role: z.enum(staffRoles) }),
});

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
      body: loginBody,
      responses: { 200: { description: 'Logged in', schema: loginResponse } },
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
      responses: { 200: { description: 'The staff member', schema: meResponse } },
    },
    async (ctx) => {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { staff: ctx.state.staff };
    },
  );
}
