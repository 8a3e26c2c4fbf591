import { subscribeSendModel } from '../../src/modules/wechat/subscription.model';
import { insertAccount, loginBearer, roomyLimits } from '../support/accounts';
import { startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { boundWechatUser, newOpenid } from './wechat-users';
import type { BoundWechatUser } from './wechat-users';

let t: TestApp;
let appid: string;
let reviewTemplate: string;
let securityTemplate: string;

beforeAll(async () => {
  // 02:01 UTC is 10:01 in Shanghai, the business time zone.
  t = await startTestApp({ now: new Date('2026-03-02T02:01:00Z'), env: roomyLimits });
  appid = t.wechat.miniProgram.appid;
  reviewTemplate = t.wechat.templates.reviewResult;
  securityTemplate = t.wechat.templates.securityNotice;
});

afterAll(async () => {
  await t.close();
});

/** A new simulated user, bound to a new account and logged in to the mini-program. */
function newUser(): Promise<BoundWechatUser> {
  return boundWechatUser(t, { openid: newOpenid('openid-sub-') });
}

/** Plays the user accepting `count` prompts: WeChat records the grants, the mini-program reports them. */
async function accept(user: BoundWechatUser, templateId: string, count = 1): Promise<void> {
  for (let index = 0; index < count; index += 1) {
    t.wechat.grantSubscribeMessage(appid, user.openid, templateId);
    await t.api
      .post('/api/wechat/subscriptions')
      .set(...user.auth)
      .send({ results: { errMsg: 'requestSubscribeMessage:ok', [templateId]: 'accept' } })
      .expect(200);
  }
}

function grantsLeft(openid: string, templateId: string): Promise<number> {
  return t.services.wechat.subscriptions.grantsLeft({ appid, openid, templateId });
}

describe('subscription reports', () => {
  it('lists the template ids to request', async () => {
    const response = await t.api.get('/api/wechat/subscriptions/templates').expect(200);
    expect(response.body).toEqual({
      reviewResult: reviewTemplate,
      securityNotice: securityTemplate,
    });
  });

  it('counts one grant per accept and none for reject, ban or filter', async () => {
    const user = await newUser();
    const response = await t.api
      .post('/api/wechat/subscriptions')
      .set(...user.auth)
      .send({
        results: {
          [reviewTemplate]: 'accept',
          [securityTemplate]: 'reject',
          'unknown-template': 'accept',
        },
      })
      .expect(200);
    expect(response.body.results).toEqual([
      { templateId: reviewTemplate, result: 'accept', counted: true, grantsLeft: 1 },
      { templateId: securityTemplate, result: 'reject', counted: false, grantsLeft: 0 },
      { templateId: 'unknown-template', result: 'accept', counted: false, grantsLeft: 0 },
    ]);

    for (const result of ['ban', 'filter']) {
      await t.api
        .post('/api/wechat/subscriptions')
        .set(...user.auth)
        .send({ results: { [securityTemplate]: result } })
        .expect(200);
    }
    expect(await grantsLeft(user.openid, securityTemplate)).toBe(0);
  });

  it('counts a repeated report with the same reportId once', async () => {
    const user = await newUser();
    const report = { reportId: 'report-0001', results: { [reviewTemplate]: 'accept' } };
    await t.api
      .post('/api/wechat/subscriptions')
      .set(...user.auth)
      .send(report)
      .expect(200);
    await t.api
      .post('/api/wechat/subscriptions')
      .set(...user.auth)
      .send(report)
      .expect(200);
    expect(await grantsLeft(user.openid, reviewTemplate)).toBe(1);
  });

  it('counts grants for a password session', async () => {
    const user = await newUser();
    const passwordSession = await loginBearer(t, user.account);
    await t.api
      .post('/api/wechat/subscriptions')
      .set(...passwordSession.auth)
      .send({ results: { [reviewTemplate]: 'accept' } })
      .expect(200);
    expect(await grantsLeft(user.openid, reviewTemplate)).toBe(1);
  });

  it('rejects reports without a bound user', async () => {
    const anonymous = await t.api
      .post('/api/wechat/subscriptions')
      .send({ results: { [reviewTemplate]: 'accept' } })
      .expect(401);
    expect(anonymous.body.error.code).toBe('auth.unauthenticated');

    const unbound = await loginBearer(t, await insertAccount(t));
    const notBound = await t.api
      .post('/api/wechat/subscriptions')
      .set(...unbound.auth)
      .send({ results: { [reviewTemplate]: 'accept' } })
      .expect(403);
    expect(notBound.body.error.code).toBe('wechat.not_bound');
  });

  it('answers 400 naming bad fields', async () => {
    const user = await newUser();
    const bad = await t.api
      .post('/api/wechat/subscriptions')
      .set(...user.auth)
      .send({ reportId: 'x', results: { [reviewTemplate]: 'maybe' } })
      .expect(400);
    const fields = (bad.body.error.fields as { field: string }[]).map((issue) => issue.field);
    expect(fields).toContain('reportId');
    expect(fields.some((field) => field.startsWith('results'))).toBe(true);
  });
});

describe('WeChat notifier', () => {
  it('sends review result with fitted values', async () => {
    const user = await newUser();
    await accept(user, reviewTemplate);

    const outcome = await t.services.wechat.notifier.sendReviewResult({
      identityId: user.identityId,
      dedupeKey: `review:${user.openid}:1`,
      applicationNumber: 'UCZ20260302-0001',
      decision: 'rejected',
      reason: '商业登记证影印件不清晰，请重新上传清晰完整的扫描件',
      decidedAt: t.clock.now(),
      page: 'pages/profile/index',
    });
    expect(outcome).toEqual({ status: 'sent' });

    const [sent] = t.wechat
      .sentSubscribeMessages()
      .filter((message) => message.touser === user.openid);
    expect(sent?.templateId).toBe(reviewTemplate);
    expect(sent?.page).toBe('pages/profile/index');
    expect(sent?.data).toEqual({
      character_string1: 'UCZ20260302-0001',
      phrase2: '审核驳回',
      time3: '2026年3月2日 10:01',
      thing4: '商业登记证影印件不清晰，请重新上传清晰…',
    });
    expect(Array.from(sent?.data.thing4 ?? '')).toHaveLength(20);
    expect(await grantsLeft(user.openid, reviewTemplate)).toBe(0);
    expect(t.wechat.subscribeGrantsLeft(appid, user.openid, reviewTemplate)).toBe(0);
  });

  it('sends a security notice', async () => {
    const user = await newUser();
    await accept(user, securityTemplate);
    const outcome = await t.services.wechat.notifier.sendSecurityNotice({
      identityId: user.identityId,
      dedupeKey: `security:${user.openid}:bound`,
      event: 'wechat_bound',
      occurredAt: t.clock.now(),
      account: 'a-rather-long-account-name-of-a-user',
    });
    expect(outcome).toEqual({ status: 'sent' });
    const [sent] = t.wechat
      .sentSubscribeMessages()
      .filter((message) => message.touser === user.openid);
    expect(sent?.data.thing1).toBe('微信已绑定账号');
    expect(sent?.data.thing3).toBe('a-rather-long-accou…');
  });

  it('reports fallback needed without a grant and sends nothing', async () => {
    const user = await newUser();
    const outcome = await t.services.wechat.notifier.sendReviewResult({
      identityId: user.identityId,
      dedupeKey: `review:${user.openid}:1`,
      applicationNumber: 'UCZ20260302-0002',
      decision: 'approved',
      decidedAt: t.clock.now(),
    });
    expect(outcome).toEqual({ status: 'fallback_needed', reason: 'no_grant' });
    expect(
      t.wechat.sentSubscribeMessages().filter((message) => message.touser === user.openid),
    ).toHaveLength(0);
  });

  it('on 43101 consumes no further grant and reports fallback needed', async () => {
    const user = await newUser();
    // The mini-program reported three accepts, but WeChat has none (the user revoked them).
    for (let index = 0; index < 3; index += 1) {
      await t.api
        .post('/api/wechat/subscriptions')
        .set(...user.auth)
        .send({ results: { [reviewTemplate]: 'accept' } })
        .expect(200);
    }
    const sendsBefore = t.wechat.callCount('/cgi-bin/message/subscribe/send');

    const outcome = await t.services.wechat.notifier.sendReviewResult({
      identityId: user.identityId,
      dedupeKey: `review:${user.openid}:1`,
      applicationNumber: 'UCZ20260302-0003',
      decision: 'approved',
      decidedAt: t.clock.now(),
    });
    expect(outcome).toEqual({ status: 'fallback_needed', reason: 'refused' });
    expect(t.wechat.callCount('/cgi-bin/message/subscribe/send') - sendsBefore).toBe(1);
    expect(await grantsLeft(user.openid, reviewTemplate)).toBe(2);
  });

  it('returns the first outcome for a repeated dedupe key without sending again', async () => {
    const user = await newUser();
    await accept(user, reviewTemplate, 2);
    const input = {
      identityId: user.identityId,
      dedupeKey: `review:${user.openid}:approved`,
      applicationNumber: 'UCZ20260302-0004',
      decision: 'approved' as const,
      decidedAt: t.clock.now(),
    };
    expect(await t.services.wechat.notifier.sendReviewResult(input)).toEqual({ status: 'sent' });
    expect(await t.services.wechat.notifier.sendReviewResult(input)).toEqual({ status: 'sent' });
    expect(
      t.wechat.sentSubscribeMessages().filter((message) => message.touser === user.openid),
    ).toHaveLength(1);
    expect(await grantsLeft(user.openid, reviewTemplate)).toBe(1);
    expect(
      await subscribeSendModel(t.database.db).countDocuments({ dedupeKey: input.dedupeKey }),
    ).toBe(1);
  });

  it('reports fallback needed for an unknown identity', async () => {
    const outcome = await t.services.wechat.notifier.sendSecurityNotice({
      identityId: '0123456789abcdef01234567',
      dedupeKey: 'security:nobody',
      event: 'password_reset',
      occurredAt: t.clock.now(),
      account: 'nobody',
    });
    expect(outcome).toEqual({ status: 'fallback_needed', reason: 'identity_not_found' });
  });

  it('takes each grant once when sends run concurrently', async () => {
    const user = await newUser();
    await accept(user, reviewTemplate, 2);
    const outcomes = await Promise.all(
      Array.from({ length: 5 }, (_, index) =>
        t.services.wechat.notifier.sendReviewResult({
          identityId: user.identityId,
          dedupeKey: `review:${user.openid}:concurrent:${index}`,
          applicationNumber: `UCZ20260302-01${index}`,
          decision: 'approved',
          decidedAt: t.clock.now(),
        }),
      ),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'sent')).toHaveLength(2);
    expect(outcomes.filter((outcome) => outcome.status === 'fallback_needed')).toHaveLength(3);
    expect(await grantsLeft(user.openid, reviewTemplate)).toBe(0);
  });
});
