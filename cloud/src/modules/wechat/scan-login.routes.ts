import {
  loginResponseSchema,
  scanCancelRequestSchema,
  scanDecisionResponseSchema,
  scanRequestSchema,
  scanResponseSchema,
  scanTicketCreatedSchema,
  scanTicketIdSchema,
  scanTicketViewSchema,
} from '@ucz/shared';
import { z } from 'zod';
import type { ApiRouter } from '../../http/api-router';
import { AppError, invalidFields } from '../../http/app-error';
import type { AppContext } from '../../http/context';
import { selfViewOf } from '../accounts/account-views';
import { requestMetaOf } from '../audit/audit.service';
import { deliverSession, sessionCookieNames } from '../auth/session-cookies';
import { bearerTokenOf } from '../auth/session-guard';
import { ensureScanSecret, scanSecretOf } from './scan-browser-cookie';
import { openScanTicketStream } from './scan-ticket-stream';
import { viewOf } from './scan-tickets.service';
import type { WechatAccountServices } from './wechat-accounts.module';

const tags = ['wechat'];
const ticketParams = z.object({ id: scanTicketIdSchema });

/**
 * Registers scan login (微信登录). The website creates a ticket and shows its mini-program
 * code, then watches it (Server-Sent Events, or plain polling) and collects its session
 * once confirmed. All of that needs the browser's scan cookie. The mini-program scans,
 * confirms (确认登录) or cancels (取消) as the WeChat user.
 */
export function registerScanLoginRoutes(api: ApiRouter, wechat: WechatAccountServices): void {
  const { scanTickets, login, bindings, sessions, guard, cookieSecurity, audit } = wechat;

  /**
   * Returns the WeChat identity of a mini-program request that carries a bearer session
   * made through WeChat; undefined without an Authorization header.
   */
  async function bearerIdentity(ctx: AppContext): Promise<string | undefined> {
    const header = ctx.get('authorization');
    if (!header) return undefined;
    const token = bearerTokenOf(header);
    const session = token ? await sessions.authenticate(token, 'account') : undefined;
    if (!session)
      throw new AppError('auth.unauthenticated', { headers: { 'WWW-Authenticate': 'Bearer' } });
    if (session.transport !== 'bearer' || !session.wechatIdentityId)
      throw new AppError('wechat.identity_required');
    return session.wechatIdentityId;
  }

  /** Returns the WeChat identity of a route behind requireAccount: only WeChat-made bearer sessions have one. */
  function sessionIdentity(ctx: AppContext): string {
    const session = ctx.state.session;
    if (session?.transport !== 'bearer' || !session.wechatIdentityId)
      throw new AppError('wechat.identity_required');
    return session.wechatIdentityId;
  }

  api.route(
    {
      method: 'post',
      path: '/api/wechat/scan-tickets',
      summary:
        'Website: create a scan-login ticket (2 minutes) and its mini-program code; sets the browser cookie',
      tags,
      responses: {
        201: {
          description: 'Ticket and code image as a data URL',
          schema: scanTicketCreatedSchema,
        },
        503: { description: 'WeChat unavailable or not configured' },
      },
    },
    async (ctx) => {
      // NOTE: ticket creation has no per-client limit yet. Every ticket costs one
      // getwxacodeunlimit call, and WeChat limits those per app (45009).
      const secret = ensureScanSecret(ctx, cookieSecurity(ctx));
      const created = await scanTickets.create(secret);
      ctx.set('Cache-Control', 'no-store');
      ctx.status = 201;
      ctx.body = {
        ...created.view,
        image: `data:${created.contentType};base64,${created.image.toString('base64')}`,
      };
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/wechat/scan-tickets/:id',
      summary: 'Website: the ticket state, for polling; only for the browser that created it',
      tags,
      params: ticketParams,
      responses: {
        200: { description: 'Ticket state', schema: scanTicketViewSchema },
        404: { description: 'Unknown ticket, or another browser’s' },
      },
    },
    async (ctx, { params }) => {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = await scanTickets.viewForBrowser(params.id, scanSecretOf(ctx));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/wechat/scan-tickets/:id/events',
      summary:
        'Website: Server-Sent Events of the ticket state (event "state"); ends after confirmed, cancelled or expired, so close the EventSource then',
      tags,
      params: ticketParams,
      responses: {
        200: { description: 'Event stream', contentType: 'text/event-stream' },
        404: { description: 'Unknown ticket, or another browser’s' },
      },
    },
    async (ctx, { params }) => {
      const secret = scanSecretOf(ctx);
      const initial = await scanTickets.viewForBrowser(params.id, secret);
      ctx.req.socket.setTimeout(0);
      ctx.req.socket.setNoDelay(true);
      ctx.status = 200;
      ctx.type = 'text/event-stream; charset=utf-8';
      ctx.set('Cache-Control', 'no-store');
      // Keeps reverse proxies such as nginx from buffering the stream.
      ctx.set('X-Accel-Buffering', 'no');
      ctx.body = openScanTicketStream({
        ticketId: params.id,
        initial,
        read: async () => {
          const snapshot = await scanTickets.read(params.id);
          return snapshot ? viewOf(snapshot) : undefined;
        },
        events: wechat.scanEvents,
        pollMs: wechat.scanPollMs,
        logger: ctx.state.log,
      });
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/wechat/scan-tickets/:id/scan',
      summary:
        'Mini-program: scan the ticket with a wx.login code or a WeChat-made bearer session; unbound users get a bind ticket',
      tags,
      params: ticketParams,
      body: scanRequestSchema,
      responses: {
        200: { description: 'Scanned', schema: scanResponseSchema },
        409: { description: 'Scanned by another WeChat user, or already decided' },
        410: { description: 'Expired' },
      },
    },
    async (ctx, { params, body }) => {
      await scanTickets.assertOpen(params.id);
      ctx.set('Cache-Control', 'no-store');

      const fromSession = await bearerIdentity(ctx);
      if (fromSession) {
        const bound = await bindings.ofIdentity(fromSession);
        if (!bound) throw new AppError('wechat.not_bound');
        const snapshot = await scanTickets.scan(params.id, fromSession);
        ctx.body = {
          bound: true,
          ticket: viewOf(snapshot),
          account: await login.summaryOf(bound.accountId),
        };
        return;
      }

      if (!body.code) throw invalidFields({ field: 'code', code: 'required' });
      const result = await login.login(body.code, requestMetaOf(ctx), { scanTicketId: params.id });
      const snapshot = await scanTickets.scan(params.id, result.identity.id);
      ctx.body = result.bound
        ? {
            bound: true,
            ticket: viewOf(snapshot),
            account: await login.summaryOf(result.binding.accountId),
            session: deliverSession(
              ctx,
              sessionCookieNames.account,
              result.session,
              cookieSecurity(ctx),
            ),
          }
        : {
            bound: false,
            ticket: viewOf(snapshot),
            bindTicket: result.bindTicket,
            bindTicketExpiresAt: result.bindTicketExpiresAt.toISOString(),
          };
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/wechat/scan-tickets/:id/confirm',
      summary: 'Mini-program (确认登录): log the website in as the bound account',
      tags,
      security: ['accountToken'],
      params: ticketParams,
      before: [guard.requireAccount()],
      responses: {
        200: { description: 'Confirmed', schema: scanDecisionResponseSchema },
        403: { description: 'WeChat user not bound (wechat.not_bound)' },
        409: { description: 'Scanned by another WeChat user, or already decided' },
        410: { description: 'Expired' },
      },
    },
    async (ctx, { params }) => {
      const identityId = sessionIdentity(ctx);
      const account = ctx.state.account;
      const bound = await bindings.ofIdentity(identityId);
      if (!account || bound?.accountId !== account.id) throw new AppError('wechat.not_bound');
      const snapshot = await scanTickets.confirm(params.id, identityId, account.id);
      await audit.record({
        action: 'wechat.scan_confirmed',
        actor: { type: 'account', id: account.id, label: account.username },
        companyId: account.companyId,
        request: requestMetaOf(ctx),
        details: { wechatIdentityId: identityId },
      });
      ctx.body = { ticket: viewOf(snapshot) };
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/wechat/scan-tickets/:id/cancel',
      summary:
        'Mini-program (取消): cancel the website login, with a WeChat-made bearer session or an unbound user’s bind ticket',
      tags,
      params: ticketParams,
      body: scanCancelRequestSchema,
      responses: {
        200: { description: 'Cancelled (or already expired)', schema: scanDecisionResponseSchema },
        409: { description: 'Scanned by another WeChat user, or already confirmed' },
      },
    },
    async (ctx, { params, body }) => {
      let identityId = await bearerIdentity(ctx);
      if (!identityId && body.bindTicket)
        identityId = (await wechat.bindTickets.resolve(body.bindTicket)).identityId;
      if (!identityId) throw new AppError('wechat.identity_required');

      const current = await scanTickets.read(params.id);
      if (!current) throw new AppError('wechat.scan_ticket_not_found');
      // Nothing is left to cancel on an expired ticket.
      const snapshot =
        current.state === 'expired' ? current : await scanTickets.cancel(params.id, identityId);
      ctx.body = { ticket: viewOf(snapshot) };
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/wechat/scan-tickets/:id/session',
      summary:
        'Website: collect the session of a confirmed ticket, once; sets the session cookies like account login',
      tags,
      params: ticketParams,
      responses: {
        200: { description: 'Logged in', schema: loginResponseSchema },
        404: { description: 'Unknown ticket, or another browser’s' },
        409: { description: 'Not confirmed, or the session was already collected' },
        410: { description: 'Expired' },
      },
    },
    async (ctx, { params }) => {
      const claimed = await scanTickets.claimSession(params.id, scanSecretOf(ctx));
      const bound = await bindings.ofIdentity(claimed.identityId);
      // Unbound after the confirm: the WeChat user may no longer log in as the account.
      if (bound?.accountId !== claimed.accountId) throw new AppError('wechat.scan_ticket_closed');
      const started = await login.startSession({
        binding: bound,
        transport: 'cookie',
        method: 'wechat_scan',
        request: requestMetaOf(ctx),
      });
      ctx.body = {
        session: deliverSession(
          ctx,
          sessionCookieNames.account,
          started.session,
          cookieSecurity(ctx),
        ),
        account: selfViewOf(started.account, started.company),
      };
    },
  );
}
