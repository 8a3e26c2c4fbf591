import { normaliseEmail } from '@ucz/shared';
import type { Response } from 'supertest';
import { codeIn, insertAccount, mailMark, uniqueName } from '../support/accounts';
import type { AccountOptions, TestAccount } from '../support/accounts';
import type { TestApp } from '../support/test-app';

/** A simulated WeChat user of the simulator's mini-program. */
export interface WechatUser {
  openid: string;
  identityId: string;
}

/** A WeChat user bound to an account, logged in to the mini-program with a bearer session. */
export interface BoundWechatUser extends WechatUser {
  account: TestAccount;
  accessToken: string;
  refreshToken: string;
  auth: [string, string];
}

/** Returns an openid that no other call in this run returns. */
export function newOpenid(prefix = 'openid-'): string {
  return uniqueName(prefix);
}

/** Plays wx.login for the user: a fresh code of the simulator's mini-program. */
export function loginCode(t: TestApp, openid: string): string {
  return t.wechat.issueLoginCode(t.wechat.miniProgram.appid, openid);
}

/** Logs the user in to the mini-program over HTTP (POST /api/wechat/login). */
export function wechatLogin(t: TestApp, openid: string) {
  return t.api.post('/api/wechat/login').send({ code: loginCode(t, openid) });
}

/** Makes the user known to the server, as their first mini-program login does. */
export async function knownWechatUser(t: TestApp, openid = newOpenid()): Promise<WechatUser> {
  const { identity } = await t.services.wechat.identities.resolveIdentity(loginCode(t, openid));
  return { openid, identityId: identity.id };
}

/**
 * Inserts an account, binds a new WeChat user to it directly through the bindings
 * store, and logs the user in to the mini-program over HTTP.
 */
export async function boundWechatUser(
  t: TestApp,
  options: { openid?: string; account?: AccountOptions } = {},
): Promise<BoundWechatUser> {
  const account = await insertAccount(t, options.account);
  const user = await knownWechatUser(t, options.openid);
  await t.services.wechat.bindings.bind({
    identityId: user.identityId,
    accountId: account.id,
    via: 'mini_program',
  });
  const response = await wechatLogin(t, user.openid).expect(200);
  if (response.body.bound !== true)
    throw new Error('WeChat login of a bound user returned no session');
  const accessToken = response.body.session.accessToken as string;
  return {
    ...user,
    account,
    accessToken,
    refreshToken: response.body.session.refreshToken as string,
    auth: ['Authorization', `Bearer ${accessToken}`],
  };
}

/**
 * Binds an account over HTTP as 微信绑定账号 does: asks for the code with 用户名, 密码 and
 * the email as 手机号/邮箱, reads it from the mail sink and binds. Returns the bind response.
 */
export async function bindByEmail(
  t: TestApp,
  input: { bindTicket: string; account: TestAccount; scanTicketId?: string },
): Promise<Response> {
  const credentials = {
    bindTicket: input.bindTicket,
    username: input.account.username,
    password: input.account.password,
    contact: input.account.email,
  };
  const next = mailMark(t);
  await t.api.post('/api/wechat/bind/code').send(credentials).expect(200);
  const mail = await next((message) => message.to.includes(normaliseEmail(input.account.email)));
  return t.api.post('/api/wechat/bind').send({
    ...credentials,
    code: codeIn(mail.text),
    ...(input.scanTicketId ? { scanTicketId: input.scanTicketId } : {}),
  });
}
