import { passwordMaxLength } from '@ucz/shared';
import { z } from 'zod';
import type { ApiRouter } from '../../http/api-router';
import { staffRoles } from '../staff/staff.model';
import { bearerTokenOf } from './staff-auth';
import type { StaffAuthService } from './staff-auth';

const loginBody = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(passwordMaxLength),
});

const staffSummary = z.object({ username: z.string(), name: z.string(), role: z.enum(staffRoles) });

const loginResponse = z.object({
  /** Bearer token for `Authorization: Bearer <token>`. */
  token: z.string(),
  expiresAt: z.iso.datetime(),
  staff: staffSummary,
});

/** Staff login and logout. */
export function registerStaffAuthRoutes(api: ApiRouter, staffAuth: StaffAuthService): void {
  api.route(
    {
      method: 'post',
      path: '/api/review/login',
      summary: 'Log a reviewer or operator admin in with username and password',
      tags: ['review'],
      body: loginBody,
      responses: { 200: { description: 'Logged in', schema: loginResponse } },
    },
    async (ctx, { body }) => {
      const result = await staffAuth.login({
        username: body.username,
        password: body.password,
        ip: ctx.state.clientIp,
        userAgent: ctx.get('user-agent'),
      });
      ctx.set('Cache-Control', 'no-store');
      ctx.body = {
        token: result.token,
        expiresAt: result.expiresAt.toISOString(),
        staff: result.staff,
      };
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/review/logout',
      summary: 'End the staff session of the bearer token (no error when it has already ended)',
      tags: ['review'],
      security: ['staffToken'],
      responses: { 204: { description: 'Logged out' } },
    },
    async (ctx) => {
      const token = bearerTokenOf(ctx.get('authorization'));
      if (token) await staffAuth.logout(token);
      ctx.status = 204;
    },
  );
}
