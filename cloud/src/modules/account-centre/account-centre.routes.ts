import {
  accountNotificationsQuerySchema,
  accountNotificationsSchema,
  ownApplicationsSchema,
} from '@ucz/shared';
import type { Middleware } from 'koa';
import type { ApiRouter } from '../../http/api-router';
import type { AppContext, AppState } from '../../http/context';
import type { AccountCentreServices } from './account-centre.module';

const tags = ['account'];
const security = ['accountCookie', 'accountToken'];

function accountIdOf(ctx: AppContext): string {
  const id = ctx.state.account?.id;
  // requireAccount sets the account; without it nothing may be listed.
  if (!id) throw new Error('account centre route reached without an account session');
  return id;
}

/** Registers the account centre's lists: 我的申请 and 消息通知 of the logged-in account. */
export function registerAccountCentreRoutes(
  api: ApiRouter,
  services: AccountCentreServices,
  requireAccount: Middleware<AppState>,
): void {
  api.route(
    {
      method: 'get',
      path: '/api/account/applications',
      summary: "The logged-in account's certification applications, newest first",
      tags,
      security,
      before: [requireAccount],
      responses: {
        200: { description: 'Applications (at most 50)', schema: ownApplicationsSchema },
        401: { description: 'No live account session (auth.unauthenticated)' },
      },
    },
    async (ctx) => {
      ctx.body = { applications: await services.applications.list(accountIdOf(ctx)) };
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/account/notifications',
      summary:
        'Notifications sent to the logged-in account or about its applications, newest first; one-time codes are never listed',
      tags,
      security,
      before: [requireAccount],
      query: accountNotificationsQuerySchema,
      responses: {
        200: { description: 'One page of notifications', schema: accountNotificationsSchema },
        401: { description: 'No live account session (auth.unauthenticated)' },
      },
    },
    async (ctx, { query }) => {
      ctx.body = await services.notifications.list(accountIdOf(ctx), query, ctx.state.locale);
    },
  );
}
