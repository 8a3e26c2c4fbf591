import type { Types } from 'mongoose';
import { applicationModel } from '../../src/modules/certification/application.model';
import { createOutboxWorker } from '../../src/modules/notifications/outbox-worker';
import { loginBearer, roomyLimits } from '../support/accounts';
import type { BearerSession } from '../support/accounts';
import { startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { applicantPassword, insertApplication, loginStaff } from '../review/review-fixtures';
import type { ApplicationOptions } from '../review/review-fixtures';
import { fillDraft, goodPassword, submitDraft } from '../certification/wizard';
import { boundWechatUser } from '../wechat/wechat-users';

let t: TestApp;
let reviewer: Awaited<ReturnType<typeof loginStaff>>;

beforeAll(async () => {
  t = await startTestApp({ now: new Date('2026-03-02T02:01:00Z'), env: roomyLimits });
  reviewer = await loginStaff(t);
});

afterAll(async () => {
  await t.close();
});

interface NotificationItem {
  id: string;
  kind: string;
  title: string;
  createdAt: string;
  status: string;
  deliveries: { channel: string; status: string }[];
  applicationNumber?: string;
}

function approve(applicationId: Types.ObjectId) {
  return t.api
    .post(`/api/review/applications/${applicationId.toString()}/approve`)
    .set(...reviewer.auth)
    .send({})
    .expect(200);
}

function reject(applicationId: Types.ObjectId, reason: string) {
  return t.api
    .post(`/api/review/applications/${applicationId.toString()}/reject`)
    .set(...reviewer.auth)
    .send({ reason })
    .expect(200);
}

/** Inserts an application, approves it through the review API and logs its new account in. */
async function approvedApplicant(options: ApplicationOptions = {}) {
  const application = await insertApplication(t, { mobile: '+85291230001', ...options });
  await approve(application._id);
  t.clock.advance(1_000);
  const session = await loginBearer(t, {
    username: application.account.username ?? '',
    password: applicantPassword,
    email: application.account.email ?? '',
  });
  return { application, session };
}

async function notificationsOf(session: BearerSession, query = ''): Promise<NotificationItem[]> {
  const response = await t.api
    .get(`/api/account/notifications${query}`)
    .set(...session.auth)
    .expect(200);
  return response.body.notifications as NotificationItem[];
}

async function applicationNumbersOf(session: BearerSession): Promise<string[]> {
  const response = await t.api
    .get('/api/account/applications')
    .set(...session.auth)
    .expect(200);
  return (response.body.applications as { number: string }[]).map((item) => item.number);
}

function runOutbox() {
  return createOutboxWorker({
    db: t.database.db,
    clock: t.clock,
    logger: t.deps.logger,
    mailer: t.deps.mailer,
    sms: t.deps.sms,
    config: t.config,
  }).runOnce();
}

describe('account centre without a session', () => {
  it.each(['/api/account/applications', '/api/account/notifications'])(
    'rejects GET %s',
    async (path) => {
      const response = await t.api.get(path).expect(401);
      expect(response.body.error.code).toBe('auth.unauthenticated');
    },
  );

  it('rejects a made-up bearer token', async () => {
    const response = await t.api
      .get('/api/account/notifications')
      .set('Authorization', 'Bearer not-a-token')
      .expect(401);
    expect(response.body.error.code).toBe('auth.unauthenticated');
  });
});

describe('own applications', () => {
  it('omits an earlier same-name application', async () => {
    const first = await insertApplication(t, { mobile: '+85291230002' });
    const { username, email } = first.account;
    await reject(first._id, '商业登记证影印件不清晰');
    t.clock.advance(1_000);
    const { application: second, session } = await approvedApplicant({
      username: username ?? '',
      email: email ?? '',
    });

    const response = await t.api
      .get('/api/account/applications')
      .set(...session.auth)
      .expect(200);

    expect(response.body.applications).toEqual([
      expect.objectContaining({
        number: second.number,
        status: 'approved',
        submittedAt: second.submittedAt.toISOString(),
        decidedAt: expect.any(String),
      }),
    ]);
    // A rejected application frees its name and email, so they do not prove whose it is.
    expect(JSON.stringify(response.body)).not.toContain(first.number);
    expect(response.body.applications[0].rejectReason).toBeUndefined();
  });

  it('leaves out a namesake with another email', async () => {
    const { application, session } = await approvedApplicant();
    const namesake = await insertApplication(t, {
      username: application.account.username ?? '',
      email: 'someone.else@example.com',
    });

    const numbers = await applicationNumbersOf(session);

    expect(numbers).toEqual([application.number]);
    expect(numbers).not.toContain(namesake.number);
  });

  it("never shows another account's applications", async () => {
    const alice = await approvedApplicant();
    const bob = await approvedApplicant();

    expect(await applicationNumbersOf(alice.session)).toEqual([alice.application.number]);
    expect(await applicationNumbersOf(bob.session)).toEqual([bob.application.number]);
  });
});

describe('notifications', () => {
  it('lists review results with delivery status', async () => {
    const first = await insertApplication(t, { mobile: '+85291230003' });
    await reject(first._id, '资料不完整');
    t.clock.advance(1_000);
    const { application: second, session } = await approvedApplicant({
      username: first.account.username ?? '',
      email: first.account.email ?? '',
      mobile: '+85291230003',
    });

    // The earlier rejection went to an application that the account does not own.
    const pending = await notificationsOf(session);
    expect(pending.map((item) => [item.kind, item.applicationNumber])).toEqual([
      ['application_approved', second.number],
    ]);
    expect(pending[0]).toEqual(
      expect.objectContaining({
        title: `认证申请已通过（${second.number}）`,
        status: 'pending',
        deliveries: [
          { channel: 'email', status: 'pending' },
          { channel: 'sms', status: 'pending' },
        ],
      }),
    );

    await runOutbox();
    const delivered = await notificationsOf(session);
    expect(delivered.map((item) => item.status)).toEqual(['sent']);
    expect(delivered[0]?.deliveries).toEqual([
      { channel: 'email', status: 'sent' },
      { channel: 'sms', status: 'sent' },
    ]);
  });

  /** Submits an application through the wizard, approves it and logs its account in. */
  async function wizardApplicant() {
    const draft = await fillDraft(t);
    const submitted = await submitDraft(t, draft.token, draft.code).expect(200);
    const number = submitted.body.applicationNumber as string;
    const application = await applicationModel(t.database.db).findOne({ number }).lean();
    if (!application) throw new Error(`application ${number} not stored`);
    t.clock.advance(1_000);
    await approve(application._id);
    const session = await loginBearer(t, {
      username: draft.account.username,
      password: goodPassword,
      email: draft.account.email,
    });
    return { number, session };
  }

  it('lists the submission sent before the account', async () => {
    const { number, session } = await wizardApplicant();

    const items = await notificationsOf(session);

    expect(items.map((item) => [item.kind, item.applicationNumber])).toEqual([
      ['application_approved', number],
      ['application_submitted', number],
    ]);
    expect(items[1]?.title).toBe(`认证申请已提交（${number}）`);
  });

  it('localises titles by Accept-Language', async () => {
    const { application, session } = await approvedApplicant();

    const response = await t.api
      .get('/api/account/notifications')
      .set(...session.auth)
      .set('Accept-Language', 'en')
      .expect(200);

    expect(response.body.notifications[0].title).toBe(`Application ${application.number} approved`);
  });

  it('lists no one-time codes', async () => {
    // The login in approvedApplicant emailed a one-time code to the account.
    const { session } = await approvedApplicant();

    const items = await notificationsOf(session);

    expect(items.map((item) => item.kind)).toEqual(['application_approved']);
    expect(JSON.stringify(items)).not.toMatch(/\b\d{6}\b/u);
  });

  it('lists the WeChat unbound notice', async () => {
    const user = await boundWechatUser(t);
    const passwordSession = await loginBearer(t, user.account);
    await t.api
      .delete('/api/wechat/binding')
      .set(...user.auth)
      .expect(204);

    const items = await notificationsOf(passwordSession);

    // Without a grant no subscribe message went out, so only the email is listed.
    expect(items).toEqual([
      expect.objectContaining({
        kind: 'wechat_unbound',
        title: '微信已解除绑定',
        status: 'pending',
        deliveries: [{ channel: 'email', status: 'pending' }],
      }),
    ]);
  });

  it("never shows another account's notifications", async () => {
    const alice = await approvedApplicant();
    const bob = await approvedApplicant();

    const aliceItems = await notificationsOf(alice.session);
    const bobItems = await notificationsOf(bob.session);

    expect(aliceItems.map((item) => item.applicationNumber)).toEqual([alice.application.number]);
    expect(bobItems.map((item) => item.applicationNumber)).toEqual([bob.application.number]);
  });

  it('pages with a cursor, newest first', async () => {
    const { session } = await wizardApplicant();
    const all = await notificationsOf(session);
    expect(all).toHaveLength(2);

    const page1 = await t.api
      .get('/api/account/notifications?limit=1')
      .set(...session.auth)
      .expect(200);
    expect(page1.body.notifications.map((item: NotificationItem) => item.id)).toEqual([all[0]?.id]);
    expect(page1.body.nextCursor).toEqual(expect.any(String));

    const page2 = await t.api
      .get('/api/account/notifications')
      .query({ limit: 1, cursor: page1.body.nextCursor as string })
      .set(...session.auth)
      .expect(200);
    expect(page2.body.notifications.map((item: NotificationItem) => item.id)).toEqual([all[1]?.id]);
    expect(page2.body.nextCursor).toBeUndefined();
  });

  it('rejects a malformed cursor', async () => {
    const { session } = await approvedApplicant();

    const response = await t.api
      .get('/api/account/notifications')
      .query({ cursor: 'abc' })
      .set(...session.auth)
      .expect(400);

    expect(response.body.error.code).toBe('request.invalid');
  });
});
