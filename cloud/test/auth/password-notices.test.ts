import { normaliseEmail } from '@ucz/shared';
import { accountModel } from '../../src/modules/accounts/account.model';
import { createOutboxWorker } from '../../src/modules/notifications/outbox-worker';
import { outboxMessageModel } from '../../src/modules/notifications/outbox.model';
import type { NotificationTemplate } from '../../src/modules/notifications/notification.types';
import { startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import {
  accountPassword,
  codeIn,
  insertAccount,
  insertCompany,
  loginBearer,
  mailMark,
  newPassword,
  roomyLimits,
  smsMark,
} from '../support/accounts';
import type { BearerSession, TestAccount } from '../support/accounts';
import { boundWechatUser } from '../wechat/wechat-users';

/** A third password that satisfies the rule, for a second change. */
const thirdPassword = 'Third#Pass2028';
const noticeTime = /\d{4}-\d{2}-\d{2} \d{2}:\d{2} \(GMT\+8\)/u;
const hotline = '+86-755-83183333';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ now: new Date('2026-03-02T02:00:00Z'), env: roomyLimits });
});

afterAll(async () => {
  await t.close();
});

interface NotificationItem {
  kind: string;
  title: string;
  status: string;
  deliveries: { channel: string; status: string }[];
}

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

/** Logs in after the resend interval of the previous login code has passed. */
function freshLogin(who: { username: string; password: string; email: string }) {
  t.clock.advance(61_000);
  return loginBearer(t, who);
}

async function notificationsOf(session: BearerSession): Promise<NotificationItem[]> {
  const response = await t.api
    .get('/api/account/notifications')
    .set(...session.auth)
    .expect(200);
  return response.body.notifications as NotificationItem[];
}

/** Counts the outbox messages of a template to an email address or mobile number. */
function queuedCount(template: NotificationTemplate, to: string): Promise<number> {
  return outboxMessageModel(t.database.db).countDocuments({ template, to });
}

function changePassword(session: BearerSession, oldPassword: string, password: string) {
  return t.api
    .post('/api/auth/password')
    .set(...session.auth)
    .send({ oldPassword, newPassword: password });
}

function bearerOf(response: { body: { session: { accessToken: string } } }): BearerSession {
  const accessToken = response.body.session.accessToken;
  return {
    accessToken,
    refreshToken: '',
    auth: ['Authorization', `Bearer ${accessToken}`],
    body: {},
  };
}

function forEmail(who: TestAccount) {
  return (mail: { to: string[] }) => mail.to.includes(normaliseEmail(who.email));
}

describe('password changed notice', () => {
  it('emails and texts the holder', async () => {
    const who = await insertAccount(t, { mobile: '+85291234001' });
    const session = await loginBearer(t, who);
    const nextMail = mailMark(t);
    const nextSms = smsMark(t);

    const changed = await changePassword(session, accountPassword, newPassword).expect(200);
    expect(await deliverOutbox()).toBeGreaterThanOrEqual(2);

    const mail = await nextMail(forEmail(who));
    expect(mail.subject).toBe(`【统一客户专区】账号密码已修改（${who.username}）`);
    expect(mail.text).toMatch(noticeTime);
    expect(mail.text).toContain('如非本人操作，请立即联系贵公司管理员');
    expect(mail.text).toContain(hotline);
    expect(mail.text).not.toContain(newPassword);
    expect(mail.text).not.toContain(accountPassword);
    const sms = await nextSms((message) => message.to === '+85291234001');
    expect(sms.text).toContain(`您的账号 ${who.username} 的密码已于`);
    expect(sms.text).toContain(hotline);
    expect(sms.text).not.toContain(newPassword);

    const items = await notificationsOf(bearerOf(changed));
    expect(items).toEqual([
      expect.objectContaining({
        kind: 'password_changed',
        title: '密码已修改',
        status: 'sent',
        deliveries: [
          { channel: 'email', status: 'sent' },
          { channel: 'sms', status: 'sent' },
        ],
      }),
    ]);
  });

  it('sends one notice per change', async () => {
    const who = await insertAccount(t);
    const session = await loginBearer(t, who);
    const changed = await changePassword(session, accountPassword, newPassword).expect(200);
    const current = bearerOf(changed);

    // The client repeats the request: the old password no longer works, so nothing is sent.
    const retried = await changePassword(current, accountPassword, newPassword).expect(400);
    expect(retried.body.error.code).toBe('password.incorrect');
    expect(await queuedCount('password_changed', who.email)).toBe(1);
    expect(await notificationsOf(current)).toHaveLength(1);

    // A second change at the same clock time is a new event with its own notice.
    const again = await changePassword(current, newPassword, thirdPassword).expect(200);
    expect(await queuedCount('password_changed', who.email)).toBe(2);
    const items = await notificationsOf(bearerOf(again));
    expect(items.map((item) => item.kind)).toEqual(['password_changed', 'password_changed']);
  });

  it('sends a subscribe message when granted', async () => {
    const user = await boundWechatUser(t, { account: { mobile: '+85291234002' } });
    const template = t.wechat.templates.securityNotice;
    t.wechat.grantSubscribeMessage(t.wechat.miniProgram.appid, user.openid, template);
    await t.api
      .post('/api/wechat/subscriptions')
      .set(...user.auth)
      .send({ results: { [template]: 'accept' } })
      .expect(200);
    const session = await loginBearer(t, user.account);

    const changed = await changePassword(session, accountPassword, newPassword).expect(200);

    const sent = t.wechat
      .sentSubscribeMessages()
      .filter((message) => message.touser === user.openid);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.data.thing1).toBe('密码已修改');
    expect(sent[0]?.data.thing3).toBe(user.account.username);
    expect(JSON.stringify(sent[0])).not.toContain(newPassword);
    expect(await queuedCount('password_changed', user.account.email)).toBe(1);
    expect(await queuedCount('password_changed', '+85291234002')).toBe(1);
    const items = await notificationsOf(bearerOf(changed));
    expect(items).toEqual([
      expect.objectContaining({
        kind: 'password_changed',
        status: 'sent',
        deliveries: [
          { channel: 'wechat', status: 'sent' },
          { channel: 'email', status: 'pending' },
          { channel: 'sms', status: 'pending' },
        ],
      }),
    ]);
  });

  it('skips WeChat without a grant', async () => {
    const user = await boundWechatUser(t);
    const sendsBefore = t.wechat.callCount('/cgi-bin/message/subscribe/send');
    const session = await loginBearer(t, user.account);

    const changed = await changePassword(session, accountPassword, newPassword).expect(200);

    expect(t.wechat.callCount('/cgi-bin/message/subscribe/send')).toBe(sendsBefore);
    const items = await notificationsOf(bearerOf(changed));
    expect(items).toEqual([
      expect.objectContaining({
        kind: 'password_changed',
        deliveries: [{ channel: 'email', status: 'pending' }],
      }),
    ]);
  });
});

describe('password reset notice', () => {
  async function resetCodeFor(who: TestAccount): Promise<string> {
    const next = mailMark(t);
    await t.api.post('/api/auth/password-reset/code').send({ email: who.email }).expect(202);
    return codeIn((await next(forEmail(who))).text);
  }

  it('notifies after a reset by code', async () => {
    const who = await insertAccount(t, { mobile: '+85291234003' });
    const code = await resetCodeFor(who);
    const nextMail = mailMark(t);
    const nextSms = smsMark(t);
    const body = { email: who.email, code, newPassword };

    await t.api.post('/api/auth/password-reset').send(body).expect(204);
    await deliverOutbox();

    const mail = await nextMail(forEmail(who));
    expect(mail.subject).toBe(`【统一客户专区】账号密码已重置（${who.username}）`);
    expect(mail.text).toMatch(noticeTime);
    expect(mail.text).toContain(hotline);
    expect(mail.text).not.toContain(code);
    expect(mail.text).not.toContain(newPassword);
    const sms = await nextSms((message) => message.to === '+85291234003');
    expect(sms.text).not.toContain(code);

    // The repeated request finds the code used up and sends nothing.
    await t.api.post('/api/auth/password-reset').send(body).expect(400);
    expect(await queuedCount('password_reset', who.email)).toBe(1);
    expect(await queuedCount('password_reset', '+85291234003')).toBe(1);

    const session = await freshLogin({ ...who, password: newPassword });
    const items = await notificationsOf(session);
    expect(items).toEqual([
      expect.objectContaining({
        kind: 'password_reset',
        title: '密码已重置',
        status: 'sent',
        deliveries: [
          { channel: 'email', status: 'sent' },
          { channel: 'sms', status: 'sent' },
        ],
      }),
    ]);
    expect(JSON.stringify(items)).not.toContain(code);
  });

  it('localises the notice by account locale', async () => {
    const who = await insertAccount(t);
    await accountModel(t.database.db).updateOne(
      { _id: who.account._id },
      { $set: { locale: 'en' } },
    );
    const code = await resetCodeFor(who);
    const nextMail = mailMark(t);

    await t.api
      .post('/api/auth/password-reset')
      .send({ email: who.email, code, newPassword })
      .expect(204);
    await deliverOutbox();

    const mail = await nextMail(forEmail(who));
    expect(mail.subject).toBe(
      `[Unified Customer Zone] Password of your account reset (${who.username})`,
    );
    expect(mail.text).toContain('contact your company administrator or call our hotline');
  });
});

describe('password reset by company admin', () => {
  let admin: TestAccount;
  let adminSession: BearerSession;

  beforeAll(async () => {
    const company = await insertCompany(t);
    admin = await insertAccount(t, { companyId: company._id, role: 'admin' });
    adminSession = await loginBearer(t, admin);
  });

  function linkTokenIn(text: string): string {
    const match = /\/activate\?token=([A-Za-z0-9_-]+)/u.exec(text);
    if (!match?.[1]) throw new Error(`no activation link in message: ${text}`);
    return match[1];
  }

  async function adminReset(target: TestAccount): Promise<string> {
    const next = mailMark(t);
    await t.api
      .post(`/api/company/accounts/${target.id}/password-reset`)
      .set(...adminSession.auth)
      .expect(200);
    const linkMail = await next((mail) => forEmail(target)(mail) && mail.text.includes('token='));
    return linkTokenIn(linkMail.text);
  }

  it('notifies without the link', async () => {
    const target = await insertAccount(t, { companyId: admin.companyId, mobile: '+85291234004' });
    const token = await adminReset(target);
    const nextMail = mailMark(t);
    const nextSms = smsMark(t);

    await deliverOutbox();

    const mail = await nextMail(forEmail(target));
    expect(mail.subject).toBe(`【统一客户专区】管理员已重置您的账号密码（${target.username}）`);
    expect(mail.text).toMatch(noticeTime);
    expect(mail.text).toContain(hotline);
    expect(mail.text).not.toContain('token=');
    expect(mail.text).not.toContain(token);
    const sms = await nextSms((message) => message.to === '+85291234004');
    expect(sms.text).toContain('贵公司管理员已于');
    expect(sms.text).not.toContain(token);
  });

  it('notifies once per removed password', async () => {
    const target = await insertAccount(t, { companyId: admin.companyId });
    await adminReset(target);
    // The admin repeats the reset, after the link interval, before the person has set a new password.
    t.clock.advance(61_000);
    const token = await adminReset(target);
    expect(await queuedCount('password_reset_by_admin', target.email)).toBe(1);

    await t.api.post('/api/auth/activate').send({ token, password: newPassword }).expect(204);
    expect(await queuedCount('password_reset', target.email)).toBe(1);
    await t.api.post('/api/auth/activate').send({ token, password: newPassword }).expect(400);
    expect(await queuedCount('password_reset', target.email)).toBe(1);

    const session = await freshLogin({ ...target, password: newPassword });
    const items = await notificationsOf(session);
    expect(items.map((item) => [item.kind, item.title])).toEqual([
      ['password_reset', '密码已重置'],
      ['password_reset_by_admin', '管理员已重置密码'],
    ]);
    expect(JSON.stringify(items)).not.toContain(token);

    // A reset of the new password is a new event.
    await adminReset(target);
    expect(await queuedCount('password_reset_by_admin', target.email)).toBe(2);
  });

  it('notifies once for parallel resets', async () => {
    const target = await insertAccount(t, { companyId: admin.companyId });
    const reset = () =>
      t.api.post(`/api/company/accounts/${target.id}/password-reset`).set(...adminSession.auth);

    const responses = await Promise.all([reset(), reset()]);

    // The link limit lets one of them through.
    expect(responses.map((response) => response.status).sort()).toEqual([200, 429]);
    expect(await queuedCount('password_reset_by_admin', target.email)).toBe(1);
  });
});

describe('account created notice', () => {
  let admin: TestAccount;
  let adminSession: BearerSession;

  beforeAll(async () => {
    const company = await insertCompany(t);
    admin = await insertAccount(t, { companyId: company._id, role: 'admin' });
    adminSession = await loginBearer(t, admin);
  });

  it('lists the activation mail without its link', async () => {
    const username = `added.${Date.now().toString(36)}`;
    const email = `${username}@example.com`;
    const next = mailMark(t);
    const created = await t.api
      .post('/api/company/accounts')
      .set(...adminSession.auth)
      .send({
        username,
        email,
        name: 'Lee Siu Ming',
        department: 'Settlement',
        phone: '2123 4567',
        title: 'Officer',
        permissions: ['blockchain'],
      })
      .expect(201);
    const firstMail = await next((mail) => mail.to.includes(email));
    const accountId = created.body.account.id as string;

    // A resent link is the same notice, not a second one.
    const resent = mailMark(t);
    await t.api
      .post(`/api/company/accounts/${accountId}/activation`)
      .set(...adminSession.auth)
      .expect(200);
    const linkMail = await resent((mail) => mail.to.includes(email));
    const token = /token=([A-Za-z0-9_-]+)/u.exec(linkMail.text)?.[1] ?? '';
    await t.api.post('/api/auth/activate').send({ token, password: newPassword }).expect(204);

    // Setting the first password activates the account; it is no password reset.
    expect(await queuedCount('password_reset', email)).toBe(0);
    const session = await freshLogin({ username, email, password: newPassword });
    const items = await notificationsOf(session);
    expect(items).toEqual([
      expect.objectContaining({
        kind: 'account_created',
        title: '账号已开通',
        status: 'sent',
        deliveries: [{ channel: 'email', status: 'sent' }],
      }),
    ]);
    expect(JSON.stringify(items)).not.toContain(token);
    expect(JSON.stringify(items)).not.toContain('token=');
    expect(firstMail.text).toContain('token=');
  });

  it('sends no reset notice on activation by code', async () => {
    const username = `coded.${Date.now().toString(36)}`;
    const email = `${username}@example.com`;
    const nextLink = mailMark(t);
    await t.api
      .post('/api/company/accounts')
      .set(...adminSession.auth)
      .send({
        username,
        email,
        name: 'Wong Ka Yan',
        department: 'Settlement',
        phone: '2123 4568',
        title: 'Officer',
        permissions: ['blockchain'],
      })
      .expect(201);
    await nextLink((mail) => mail.to.includes(email));
    const nextCode = mailMark(t);
    await t.api.post('/api/auth/password-reset/code').send({ email }).expect(202);
    const code = codeIn((await nextCode((mail) => mail.to.includes(email))).text);

    await t.api.post('/api/auth/activate').send({ email, code, password: newPassword }).expect(204);

    expect(await queuedCount('password_reset', email)).toBe(0);
    const session = await freshLogin({ username, email, password: newPassword });
    const items = await notificationsOf(session);
    expect(items.map((item) => item.kind)).toEqual(['account_created']);
  });
});
