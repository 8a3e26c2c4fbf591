import {
  bindCodeRequestSchema,
  bindCodeResponseSchema,
  bindingViewSchema,
  bindRequestSchema,
  bindResponseSchema,
  wechatLoginRequestSchema,
  wechatLoginResponseSchema,
} from '@ucz/shared';
import type { ApiRouter } from '../../http/api-router';
import type { AppContext } from '../../http/context';
import { selfViewOf } from '../accounts/account-views';
import { requestMetaOf } from '../audit/audit.service';
import { deliverSession, sessionCookieNames } from '../auth/session-cookies';
import type { WechatAccountServices } from './wechat-accounts.module';

const tags = ['wechat'];
const accountSecurity = ['accountToken', 'accountCookie'];

function accountOf(ctx: AppContext): NonNullable<AppContext['state']['account']> {
  // requireAccount runs before these handlers and sets it.
  const account = ctx.state.account;
  if (!account) throw new Error('account route reached without an account session');
  return account;
}

/**
 * Registers mini-program login (wx.login code), 微信绑定账号 with its one-time code, and
 * the binding of the logged-in account: GET for 个人信息 and DELETE to unbind, from the
 * mini-program (bearer) or the website's account centre (cookie and X-CSRF-Token).
 */
export function registerWechatLoginRoutes(api: ApiRouter, wechat: WechatAccountServices): void {
  const { login, binding, guard, cookieSecurity } = wechat;
  const names = sessionCookieNames.account;
  const clientRequest = (ctx: AppContext) => ({ ...requestMetaOf(ctx), ip: ctx.state.clientIp });

  api.route(
    {
      method: 'post',
      path: '/api/wechat/login',
      summary:
        'Mini-program login with a wx.login code: a bearer session when bound, else a bind ticket',
      tags,
      body: wechatLoginRequestSchema,
      responses: {
        200: { description: 'Logged in, or a bind ticket', schema: wechatLoginResponseSchema },
        400: { description: 'Code invalid or used (wechat.code_invalid, wechat.code_used)' },
        403: { description: 'Bound account disabled (wechat.account_inactive)' },
      },
    },
    async (ctx, { body }) => {
      const result = await login.login(body.code, requestMetaOf(ctx));
      ctx.set('Cache-Control', 'no-store');
      ctx.body = result.bound
        ? {
            bound: true,
            session: deliverSession(ctx, names, result.session, cookieSecurity(ctx)),
            account: selfViewOf(result.account, result.company),
          }
        : {
            bound: false,
            bindTicket: result.bindTicket,
            bindTicketExpiresAt: result.bindTicketExpiresAt.toISOString(),
          };
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/wechat/bind/code',
      summary:
        '微信绑定账号 获取验证码: check 用户名 and 密码, then send a code to the 手机号/邮箱 the account uses',
      tags,
      body: bindCodeRequestSchema,
      responses: {
        200: { description: 'Code sent', schema: bindCodeResponseSchema },
        400: { description: 'Bind ticket expired, or contact not the account’s' },
        401: { description: 'Wrong account name or password (auth.invalid_credentials)' },
        409: { description: 'Identity or account bound elsewhere' },
      },
    },
    async (ctx, { body }) => {
      ctx.body = await binding.requestCode(body, clientRequest(ctx), ctx.state.locale);
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/wechat/bind',
      summary:
        '微信绑定账号 绑定: bind the WeChat user to the account; returns a bearer session and completes a pending scan login',
      tags,
      body: bindRequestSchema,
      responses: {
        200: { description: 'Bound and logged in', schema: bindResponseSchema },
        400: {
          description: 'Wrong or expired code, expired bind ticket, contact not the account’s',
        },
        401: { description: 'Wrong account name or password (auth.invalid_credentials)' },
        409: {
          description:
            'wechat.identity_already_bound or wechat.account_already_bound: nothing was moved',
        },
      },
    },
    async (ctx, { body }) => {
      const result = await binding.bind(body, clientRequest(ctx));
      ctx.body = {
        session: deliverSession(ctx, names, result.session, cookieSecurity(ctx)),
        account: selfViewOf(result.account, result.company),
        ...(result.scanTicket ? { scanTicket: result.scanTicket } : {}),
      };
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/wechat/binding',
      summary: 'The WeChat binding of the logged-in account (个人信息)',
      tags,
      security: accountSecurity,
      before: [guard.requireAccount()],
      responses: { 200: { description: 'Bound or not', schema: bindingViewSchema } },
    },
    async (ctx) => {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = await binding.bindingOf(accountOf(ctx).id);
    },
  );

  api.route(
    {
      method: 'delete',
      path: '/api/wechat/binding',
      summary:
        'Unbind WeChat from the logged-in account; ends every session made through that WeChat user',
      tags,
      security: accountSecurity,
      before: [guard.requireAccount()],
      responses: {
        204: { description: 'Unbound; a security notice was sent' },
        404: { description: 'Not bound (wechat.binding_not_found)' },
      },
    },
    async (ctx) => {
      await binding.unbind(accountOf(ctx), requestMetaOf(ctx));
      ctx.status = 204;
    },
  );
}
