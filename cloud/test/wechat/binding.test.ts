import supertest from 'supertest';
import { auditEntryModel } from '../../src/modules/audit/audit.model';
import { createOutboxWorker } from '../../src/modules/notifications/outbox-worker';
import { outboxMessageModel } from '../../src/modules/notifications/outbox.model';
import { wechatBindingModel } from '../../src/modules/wechat/binding.model';
import {
  codeIn,
  insertAccount,
  loginBearer,
  mailMark,
  requestEmailCode,
  roomyLimits,
  smsMark,
} from '../support/accounts';
import type { TestAccount } from '../support/accounts';
import { startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { bindByEmail, boundWechatUser, newOpenid, wechatLogin } from './wechat-users';
import type { BoundWechatUser } from './wechat-users';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ env: roomyLimits });
});

afterAll(async () => {
  await t.close();
});

/** Logs a new WeChat user in to the mini-program; returns the bind ticket it gets. */
async function bindTicketFor(openid: string): Promise<string> {
  const response = await wechatLogin(t, openid).expect(200);
  expect(response.body.bound).toBe(false);
  return response.body.bindTicket as string;
}

/** Delivers the outbox once, as the background worker would. */
function deliverOutbox(): Promise<number> {
  return createOutboxWorker({
    db: t.database.db,
    clock: t.clock,
    logger: t.deps.logger,
    mailer: t.deps.mailer,
    sms: t.deps.sms,
    config: t.config,
  }).runOnce();
}

function bindingOf(account: TestAccount) {
  return wechatBindingModel(t.database.db).findOne({ accountId: account.account._id }).lean();
}

/** Logs the account in on the website: cookies in the agent, and the CSRF token. */
async function websiteLogin(account: TestAccount) {
  const browser = supertest.agent(t.server);
  const { challengeId, code } = await requestEmailCode(t, account);
  const response = await browser
    .post('/api/auth/login')
    .send({ challengeId, password: account.password, code })
    .expect(200);
  return { browser, csrfToken: response.body.session.csrfToken as string };
}

describe('binding an account', () => {
  it('binds with the emailed code', async () => {
    const account = await insertAccount(t);
    const openid = newOpenid();
    const bindTicket = await bindTicketFor(openid);

    const response = await bindByEmail(t, { bindTicket, account });

    expect(response.status).toBe(200);
    expect(response.body.account.username).toBe(account.username);
    expect(response.body).not.toHaveProperty('scanTicket');
    const token = response.body.session.accessToken as string;
    await t.api.get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    const binding = await bindingOf(account);
    expect(binding?.via).toBe('mini_program');

    // The next mini-program login finds the binding.
    const next = await wechatLogin(t, openid).expect(200);
    expect(next.body.bound).toBe(true);
    expect(next.body.account.username).toBe(account.username);

    const audit = await auditEntryModel(t.database.db)
      .findOne({ action: 'wechat.bound', 'target.id': account.id })
      .lean();
    expect(audit).not.toBeNull();
  });

  it('emails the bound notice without a grant', async () => {
    const account = await insertAccount(t);
    const bindTicket = await bindTicketFor(newOpenid());
    await bindByEmail(t, { bindTicket, account }).then((response) =>
      expect(response.status).toBe(200),
    );

    const next = mailMark(t);
    expect(await deliverOutbox()).toBeGreaterThan(0);
    const notice = await next((mail) => mail.to.includes(account.email.toLowerCase()));
    expect(notice.subject).toBe(`【统一客户专区】账号已绑定微信（${account.username}）`);
    expect(notice.text).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} \(GMT\+8\)/u);
  });

  it('binds by SMS with a local mobile number', async () => {
    const account = await insertAccount(t, { mobile: '+85291234567' });
    const bindTicket = await bindTicketFor(newOpenid());
    const credentials = {
      bindTicket,
      username: account.username,
      password: account.password,
      contact: '9123 4567',
    };
    const nextSms = smsMark(t);

    const sent = await t.api.post('/api/wechat/bind/code').send(credentials).expect(200);
    expect(sent.body).toMatchObject({ channel: 'sms', destination: '+852****4567' });
    const sms = await nextSms((message) => message.to === '+85291234567');

    await t.api
      .post('/api/wechat/bind')
      .send({ ...credentials, code: codeIn(sms.text) })
      .expect(200);
    expect(await bindingOf(account)).not.toBeNull();
  });

  it('rejects a contact of another account', async () => {
    const account = await insertAccount(t, { mobile: '+85291234568' });
    const bindTicket = await bindTicketFor(newOpenid());
    for (const contact of ['someone.else@example.com', '9999 0000']) {
      const response = await t.api
        .post('/api/wechat/bind/code')
        .send({ bindTicket, username: account.username, password: account.password, contact })
        .expect(400);
      expect(response.body.error.code).toBe('wechat.contact_mismatch');
      expect(response.body.error.fields).toEqual([
        {
          field: 'contact',
          code: 'account_mismatch',
          message: '手机号/邮箱与该账号登记的不一致。',
        },
      ]);
    }
  });

  it('locks the account after wrong passwords', async () => {
    const account = await insertAccount(t);
    const bindTicket = await bindTicketFor(newOpenid());
    const attempt = (password: string) =>
      t.api
        .post('/api/wechat/bind/code')
        .send({ bindTicket, username: account.username, password, contact: account.email });

    for (let index = 0; index < 5; index += 1) {
      const wrong = await attempt('Wrong#Password1').expect(401);
      expect(wrong.body.error.code).toBe('auth.invalid_credentials');
    }
    const locked = await attempt(account.password).expect(401);
    expect(locked.body.error.code).toBe('auth.invalid_credentials');
  });

  it('rejects an unknown or expired bind ticket', async () => {
    const account = await insertAccount(t);
    const bindTicket = await bindTicketFor(newOpenid());
    t.clock.advance(10 * 60_000);
    const expired = await t.api
      .post('/api/wechat/bind/code')
      .send({
        bindTicket,
        username: account.username,
        password: account.password,
        contact: account.email,
      })
      .expect(400);
    expect(expired.body.error.code).toBe('wechat.bind_ticket_invalid');
  });

  it('rejects an identity bound elsewhere', async () => {
    const first = await insertAccount(t);
    const second = await insertAccount(t);
    const openid = newOpenid();
    // Two bind tickets of one WeChat user, as from two devices.
    const ticketOne = await bindTicketFor(openid);
    const ticketTwo = await bindTicketFor(openid);
    expect((await bindByEmail(t, { bindTicket: ticketOne, account: first })).status).toBe(200);

    const response = await t.api
      .post('/api/wechat/bind/code')
      .send({
        bindTicket: ticketTwo,
        username: second.username,
        password: second.password,
        contact: second.email,
      })
      .expect(409);

    expect(response.body.error.code).toBe('wechat.identity_already_bound');
    expect(response.body.error.message).toBe(
      '该微信已绑定其他账号。如需改绑，请先在“个人信息”中解除绑定。',
    );
    expect((await bindingOf(first))?.accountId.toString()).toBe(first.id);
    expect(await bindingOf(second)).toBeNull();
  });

  it('rejects an account already bound', async () => {
    const owner = await boundWechatUser(t);
    const bindTicket = await bindTicketFor(newOpenid());

    const response = await t.api
      .post('/api/wechat/bind/code')
      .set('Accept-Language', 'en')
      .send({
        bindTicket,
        username: owner.account.username,
        password: owner.account.password,
        contact: owner.account.email,
      })
      .expect(409);

    expect(response.body.error.code).toBe('wechat.account_already_bound');
    expect(response.body.error.message).toMatch(/already bound to another WeChat user/u);
    expect((await bindingOf(owner.account))?.identityId.toString()).toBe(owner.identityId);
  });

  it('binds one of two racing identities', async () => {
    const account = await insertAccount(t);
    const tickets = [await bindTicketFor(newOpenid()), await bindTicketFor(newOpenid())];
    const identities = await Promise.all(
      tickets.map((bindTicket) => t.services.wechatAccounts.bindTickets.resolve(bindTicket)),
    );

    const results = await Promise.allSettled(
      identities.map((claims) =>
        t.services.wechat.bindings.bind({
          identityId: claims.identityId,
          accountId: account.id,
          via: 'mini_program',
        }),
      ),
    );

    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((result) => result.status === 'rejected');
    expect((rejected as PromiseRejectedResult).reason).toMatchObject({
      code: 'wechat.account_already_bound',
    });
    expect(
      await wechatBindingModel(t.database.db).countDocuments({ accountId: account.account._id }),
    ).toBe(1);
  });
});

describe('unbinding', () => {
  it('ends WeChat-made sessions, keeps password sessions', async () => {
    const user: BoundWechatUser = await boundWechatUser(t);
    const passwordSession = await loginBearer(t, user.account);

    await t.api
      .delete('/api/wechat/binding')
      .set(...user.auth)
      .expect(204);

    const refused = await t.api
      .get('/api/auth/me')
      .set(...user.auth)
      .expect(401);
    expect(refused.body.error.code).toBe('auth.unauthenticated');
    await t.api.post('/api/auth/refresh').send({ refreshToken: user.refreshToken }).expect(401);
    await t.api
      .get('/api/auth/me')
      .set(...passwordSession.auth)
      .expect(200);
    expect(await bindingOf(user.account)).toBeNull();

    const again = await t.api
      .delete('/api/wechat/binding')
      .set(...passwordSession.auth)
      .expect(404);
    expect(again.body.error.code).toBe('wechat.binding_not_found');
    const status = await t.api
      .get('/api/wechat/binding')
      .set(...passwordSession.auth)
      .expect(200);
    expect(status.body).toEqual({ bound: false });
  });

  it('unbinds from the website with CSRF', async () => {
    const user = await boundWechatUser(t);
    const { browser, csrfToken } = await websiteLogin(user.account);

    const withoutCsrf = await browser.delete('/api/wechat/binding').expect(403);
    expect(withoutCsrf.body.error.code).toBe('auth.csrf_invalid');
    await browser.delete('/api/wechat/binding').set('X-CSRF-Token', csrfToken).expect(204);

    await t.api
      .get('/api/auth/me')
      .set(...user.auth)
      .expect(401);
    // The website session was made with the password, not through WeChat.
    await browser.get('/api/auth/me').expect(200);
  });

  it('lets the user bind another account later', async () => {
    const user = await boundWechatUser(t);
    await t.api
      .delete('/api/wechat/binding')
      .set(...user.auth)
      .expect(204);
    const other = await insertAccount(t);

    const bindTicket = await bindTicketFor(user.openid);
    expect((await bindByEmail(t, { bindTicket, account: other })).status).toBe(200);
    expect((await bindingOf(other))?.identityId.toString()).toBe(user.identityId);
  });

  it('sends unbound notice as subscribe message', async () => {
    const user = await boundWechatUser(t);
    const template = t.wechat.templates.securityNotice;
    t.wechat.grantSubscribeMessage(t.wechat.miniProgram.appid, user.openid, template);
    await t.api
      .post('/api/wechat/subscriptions')
      .set(...user.auth)
      .send({ results: { [template]: 'accept' } })
      .expect(200);

    await t.api
      .delete('/api/wechat/binding')
      .set(...user.auth)
      .expect(204);

    const sent = t.wechat
      .sentSubscribeMessages()
      .filter((message) => message.touser === user.openid);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.data.thing1).toBe('微信已解除绑定');
    expect(sent[0]?.page).toBe(t.services.wechat.settings.profilePage);
    const emailed = await outboxMessageModel(t.database.db).countDocuments({
      to: user.account.email,
      template: 'wechat_unbound',
    });
    expect(emailed).toBe(0);
  });

  it('falls back to email after 43101', async () => {
    const user = await boundWechatUser(t);
    const template = t.wechat.templates.securityNotice;
    // The mini-program reported an accept, but WeChat has no grant (the user revoked it).
    await t.api
      .post('/api/wechat/subscriptions')
      .set(...user.auth)
      .send({ results: { [template]: 'accept' } })
      .expect(200);
    const sendsBefore = t.wechat.callCount('/cgi-bin/message/subscribe/send');
    const next = mailMark(t);

    await t.api
      .delete('/api/wechat/binding')
      .set(...user.auth)
      .expect(204);

    expect(t.wechat.callCount('/cgi-bin/message/subscribe/send') - sendsBefore).toBe(1);
    expect(
      t.wechat.sentSubscribeMessages().filter((message) => message.touser === user.openid),
    ).toHaveLength(0);
    const queued = await outboxMessageModel(t.database.db).countDocuments({
      to: user.account.email,
      template: 'wechat_unbound',
    });
    expect(queued).toBe(1);
    await deliverOutbox();
    const notice = await next((mail) => mail.to.includes(user.account.email.toLowerCase()));
    expect(notice.subject).toBe(`【统一客户专区】账号已解除微信绑定（${user.account.username}）`);
    expect(notice.text).toContain('通过该微信登录的会话均已退出');
  });
});
