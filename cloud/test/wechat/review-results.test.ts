import type { Types } from 'mongoose';
import { accountModel } from '../../src/modules/accounts/account.model';
import { createOutboxWorker } from '../../src/modules/notifications/outbox-worker';
import { outboxMessageModel } from '../../src/modules/notifications/outbox.model';
import { createApprovalService } from '../../src/modules/review/approval.service';
import { mailMark, roomyLimits, uniqueName } from '../support/accounts';
import { startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { insertApplication, loginStaff } from '../review/review-fixtures';
import { boundWechatUser, knownWechatUser, wechatLogin } from './wechat-users';

let t: TestApp;
let reviewer: Awaited<ReturnType<typeof loginStaff>>;
let reviewTemplate: string;

beforeAll(async () => {
  // 02:01 UTC is 10:01 in Shanghai, the business time zone.
  t = await startTestApp({ now: new Date('2026-03-02T02:01:00Z'), env: roomyLimits });
  reviewer = await loginStaff(t);
  reviewTemplate = t.wechat.templates.reviewResult;
});

afterAll(async () => {
  await t.close();
});

class SimulatedCrash extends Error {}

/** Messages the outbox holds for the review result of an application. */
function resultMessages(applicationId: Types.ObjectId) {
  return outboxMessageModel(t.database.db)
    .find({
      dedupeKey: { $regex: `^application:${applicationId.toString()}:r1:(approved|rejected)` },
    })
    .lean();
}

function sentTo(openid: string) {
  return t.wechat.sentSubscribeMessages().filter((message) => message.touser === openid);
}

/**
 * Starts an approval that stops after creating the account, binds a WeChat user to
 * that account and logs the user in to the mini-program. Approving again then sends
 * the result to an applicant whose account is bound.
 */
async function approvalWithBoundAccount() {
  const application = await insertApplication(t, { mobile: '+85291230001' });
  const crashing = createApprovalService({
    db: t.database.db,
    clock: t.clock,
    outbox: t.services.outbox,
    logger: t.deps.logger,
    afterStep: (step) => {
      if (step === 'account') throw new SimulatedCrash('stopped after the account step');
    },
  });
  await expect(crashing.approve(application._id.toString(), reviewer.id)).rejects.toThrow(
    SimulatedCrash,
  );
  const account = await accountModel(t.database.db)
    .findOne({ sourceApplicationId: application._id })
    .lean();
  if (!account) throw new Error('the approval created no account');

  const user = await knownWechatUser(t);
  await t.services.wechat.bindings.bind({
    identityId: user.identityId,
    accountId: account._id.toString(),
    via: 'mini_program',
  });
  const login = await wechatLogin(t, user.openid).expect(200);
  const auth: [string, string] = ['Authorization', `Bearer ${login.body.session.accessToken}`];
  return { application, account, user, auth };
}

function approve(applicationId: Types.ObjectId) {
  return t.api
    .post(`/api/review/applications/${applicationId.toString()}/approve`)
    .set(...reviewer.auth)
    .send({});
}

describe('review results through WeChat', () => {
  it('sends approval to a bound account', async () => {
    const { application, user, auth } = await approvalWithBoundAccount();
    t.wechat.grantSubscribeMessage(t.wechat.miniProgram.appid, user.openid, reviewTemplate);
    await t.api
      .post('/api/wechat/subscriptions')
      .set(...auth)
      .send({ results: { [reviewTemplate]: 'accept' } })
      .expect(200);

    await approve(application._id).expect(200);

    expect(sentTo(user.openid)).toEqual([
      expect.objectContaining({
        templateId: reviewTemplate,
        data: {
          character_string1: application.number,
          phrase2: '审核通过',
          time3: '2026年3月2日 10:01',
          thing4: '请登录统一客户专区查看',
        },
      }),
    ]);
    expect(await resultMessages(application._id)).toHaveLength(0);
  });

  it('falls back to email after 43101', async () => {
    const { application, user, auth } = await approvalWithBoundAccount();
    // The mini-program reported an accept, but WeChat has no grant.
    await t.api
      .post('/api/wechat/subscriptions')
      .set(...auth)
      .send({ results: { [reviewTemplate]: 'accept' } })
      .expect(200);
    const sendsBefore = t.wechat.callCount('/cgi-bin/message/subscribe/send');

    await approve(application._id).expect(200);

    expect(t.wechat.callCount('/cgi-bin/message/subscribe/send') - sendsBefore).toBe(1);
    expect(sentTo(user.openid)).toHaveLength(0);
    const messages = await resultMessages(application._id);
    expect(messages.map((message) => message.channel).sort()).toEqual(['email', 'sms']);

    const next = mailMark(t);
    await createOutboxWorker({
      db: t.database.db,
      clock: t.clock,
      logger: t.deps.logger,
      mailer: t.deps.mailer,
      sms: t.deps.sms,
      config: t.config,
    }).runOnce();
    const mail = await next((message) => message.to.includes(application.account.emailKey ?? ''));
    expect(mail.subject).toBe(`【统一客户专区】用户认证申请已通过（${application.number}）`);
  });

  it('sends rejection to the bound email owner', async () => {
    const user = await boundWechatUser(t);
    t.wechat.grantSubscribeMessage(t.wechat.miniProgram.appid, user.openid, reviewTemplate);
    await t.api
      .post('/api/wechat/subscriptions')
      .set(...user.auth)
      .send({ results: { [reviewTemplate]: 'accept' } })
      .expect(200);
    const application = await insertApplication(t, {
      username: uniqueName('applicant'),
      email: user.account.email,
    });

    await t.api
      .post(`/api/review/applications/${application._id.toString()}/reject`)
      .set(...reviewer.auth)
      .send({ reason: '商业登记证影印件不清晰，请重新上传清晰完整的扫描件' })
      .expect(200);

    const [sent] = sentTo(user.openid);
    expect(sent?.data.phrase2).toBe('审核驳回');
    expect(sent?.data.thing4).toBe('商业登记证影印件不清晰，请重新上传清晰…');
    expect(await resultMessages(application._id)).toHaveLength(0);
  });

  it('emails a first-time applicant as before', async () => {
    const application = await insertApplication(t, { mobile: '+85291230002' });
    const sendsBefore = t.wechat.callCount('/cgi-bin/message/subscribe/send');

    await t.api
      .post(`/api/review/applications/${application._id.toString()}/reject`)
      .set(...reviewer.auth)
      .send({ reason: '资料不全' })
      .expect(200);

    expect(t.wechat.callCount('/cgi-bin/message/subscribe/send')).toBe(sendsBefore);
    const messages = await resultMessages(application._id);
    expect(messages.map((message) => message.channel).sort()).toEqual(['email', 'sms']);
  });
});
