import { z } from 'zod';
import type { ApiRouter } from '../../http/api-router';
import { AppError } from '../../http/app-error';
import type { AppContext } from '../../http/context';
import type { SessionGuard } from '../auth/session-guard';
import type { WechatBindings } from './bindings';
import { grantResults } from './subscriptions.service';
import type { SubscriptionService } from './subscriptions.service';

const templateIdSchema = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/u);

const reportBody = z.object({
  /** Random id per report (8-64 letters, digits, _ or -); a repeated report with it counts once. */
  reportId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/u)
    .optional(),
  /** wx.requestSubscribeMessage's result as it is: per template id, accept/reject/ban/filter. */
  results: z.preprocess(
    (value) => {
      if (typeof value !== 'object' || value === null) return value;
      const { errMsg: _errMsg, ...perTemplate } = value as Record<string, unknown>;
      return perTemplate;
    },
    z
      .record(templateIdSchema, z.enum(grantResults))
      .refine((results) => Object.keys(results).length > 0 && Object.keys(results).length <= 10, {
        message: 'expected 1-10 templates',
      }),
  ),
});

const recordedSchema = z.object({
  templateId: z.string(),
  result: z.enum(grantResults),
  counted: z.boolean(),
  grantsLeft: z.number().int(),
});

/**
 * Returns the WeChat user of the request: the identity a WeChat-made session was made
 * through, else the identity bound to the logged-in account.
 */
async function identityOf(ctx: AppContext, bindings: WechatBindings): Promise<string> {
  const fromSession = ctx.state.session?.wechatIdentityId;
  if (fromSession) return fromSession;
  const account = ctx.state.account;
  const bound = account ? await bindings.ofAccount(account.id) : undefined;
  if (!bound) throw new AppError('wechat.not_bound');
  return bound.identityId;
}

/** Registers the subscribe-message endpoints of the mini-program. */
export function registerSubscriptionRoutes(
  api: ApiRouter,
  subscriptions: SubscriptionService,
  auth: { guard: SessionGuard; bindings: WechatBindings },
): void {
  api.route(
    {
      method: 'get',
      path: '/api/wechat/subscriptions/templates',
      summary: 'Template ids to pass to wx.requestSubscribeMessage',
      tags: ['wechat'],
      responses: {
        200: {
          description: 'Template ids; a template that is not configured is left out',
          schema: z.object({
            reviewResult: z.string().optional(),
            securityNotice: z.string().optional(),
          }),
        },
      },
    },
    async (ctx) => {
      ctx.body = subscriptions.templates();
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/wechat/subscriptions',
      summary:
        'Report the results of wx.requestSubscribeMessage for the logged-in WeChat user; each accept allows one message',
      tags: ['wechat'],
      security: ['accountToken'],
      before: [auth.guard.requireAccount()],
      body: reportBody,
      responses: {
        200: {
          description: 'Grants counted per template',
          schema: z.object({ results: z.array(recordedSchema) }),
        },
        403: { description: 'The account is not bound to WeChat (wechat.not_bound)' },
        404: { description: 'Unknown WeChat identity (wechat.identity_not_found)' },
      },
    },
    async (ctx, { body }) => {
      const results = await subscriptions.recordResults({
        identityId: await identityOf(ctx, auth.bindings),
        ...(body.reportId ? { reportId: body.reportId } : {}),
        results: body.results,
      });
      ctx.body = { results };
    },
  );
}
