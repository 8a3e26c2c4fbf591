import {
  applicationListResponseSchema,
  applicationNumberParamsSchema,
  emailCodeResponseSchema,
  progressByEmailRequestSchema,
  progressByPasswordRequestSchema,
  progressEmailCodeRequestSchema,
  progressResponseSchema,
  reopenRequestSchema,
  reopenResponseSchema,
} from '@ucz/shared';
import type { ApiRouter } from '../../http/api-router';
import type { AppContext } from '../../http/context';
import type { CertificationServices } from './certification.services';
import { requestInfoOf } from './request-info';

const tags = ['certification'];
const applicationSecurity = ['applicationToken'];

function applicationTokenOf(ctx: AppContext): string | undefined {
  return ctx.get('x-application-token') || undefined;
}

/** Routes of the progress query (用户认证查询) and of reopening a rejected application. */
export function registerProgressRoutes(api: ApiRouter, services: CertificationServices): void {
  const { progress } = services;

  api.route(
    {
      method: 'post',
      path: '/api/certification/progress/by-password',
      summary: 'Look up applications by 账号 and 密码',
      tags,
      body: progressByPasswordRequestSchema,
      responses: {
        200: {
          description: 'Applications and an application token',
          schema: progressResponseSchema,
        },
      },
    },
    async (ctx, { body }) => {
      ctx.body = await progress.byPassword(body, requestInfoOf(ctx));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/certification/progress/email-code',
      summary: 'Send a progress-query code to 企业邮箱 (same answer for unknown addresses)',
      tags,
      body: progressEmailCodeRequestSchema,
      responses: {
        200: { description: 'Code sent when the address applied', schema: emailCodeResponseSchema },
      },
    },
    async (ctx, { body }) => {
      ctx.body = await progress.sendCode(body.email, requestInfoOf(ctx));
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/certification/progress/by-email',
      summary: 'Look up applications by 企业邮箱 and the emailed code',
      tags,
      body: progressByEmailRequestSchema,
      responses: {
        200: {
          description: 'Applications and an application token',
          schema: progressResponseSchema,
        },
      },
    },
    async (ctx, { body }) => {
      ctx.body = await progress.byEmail(body, requestInfoOf(ctx));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/certification/progress/applications',
      summary: 'List again the applications of an application token',
      tags,
      security: applicationSecurity,
      responses: { 200: { description: 'Applications', schema: applicationListResponseSchema } },
    },
    async (ctx) => {
      ctx.body = { applications: await progress.list(applicationTokenOf(ctx)) };
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/certification/applications/:number/reopen',
      summary: 'Open a draft prefilled from a rejected application, to correct and resubmit it',
      tags,
      security: applicationSecurity,
      params: applicationNumberParamsSchema,
      body: reopenRequestSchema,
      responses: {
        201: { description: 'Draft token and the prefilled draft', schema: reopenResponseSchema },
      },
    },
    async (ctx, { params, body }) => {
      ctx.status = 201;
      ctx.body = await progress.reopen(
        applicationTokenOf(ctx),
        params.number,
        body,
        requestInfoOf(ctx),
      );
    },
  );
}
