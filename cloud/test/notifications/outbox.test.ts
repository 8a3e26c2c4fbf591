import { loadConfig } from '../../src/config';
import type { Config } from '../../src/config';
import { syncIndexes } from '../../src/db/connect';
import { ManualClock } from '../../src/lib/clock';
import { createLogger } from '../../src/logger';
import { DeliveryError } from '../../src/modules/notifications/delivery-error';
import type {
  NotificationOutbox,
  NotificationRequest,
  SmsSender,
} from '../../src/modules/notifications/notification.types';
import { createNotificationOutbox } from '../../src/modules/notifications/outbox';
import {
  createOutboxWorker,
  outboxPolicy,
  retryDelayMs,
} from '../../src/modules/notifications/outbox-worker';
import type { OutboxWorker } from '../../src/modules/notifications/outbox-worker';
import { outboxClaimModel, outboxMessageModel } from '../../src/modules/notifications/outbox.model';
import { createSmtpMailer } from '../../src/modules/notifications/smtp-mailer';
import { createSmsSink } from '../../src/simulator/sms-sink';
import type { SmsSink } from '../../src/simulator/sms-sink';
import { startSmtpSink } from '../../src/simulator/smtp-sink';
import type { SmtpSink } from '../../src/simulator/smtp-sink';
import { openTestDatabase } from '../support/database';
import type { TestDatabase } from '../support/database';

const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');

let database: TestDatabase;
let mail: SmtpSink;
let sms: SmsSink;
let mailer: ReturnType<typeof createSmtpMailer>;
let config: Config;
let clock: ManualClock;
let outbox: NotificationOutbox;
let counter = 0;

function worker(overrides: { sms?: SmsSender } = {}): OutboxWorker {
  return createOutboxWorker({
    db: database.db,
    clock,
    logger,
    mailer,
    sms: overrides.sms ?? sms,
    config,
  });
}

function approvedMail(to: string, extra: Partial<NotificationRequest> = {}): NotificationRequest {
  counter += 1;
  return {
    dedupeKey: `application-approved:${counter}`,
    channel: 'email',
    to,
    locale: 'zh-CN',
    template: 'application_approved',
    params: {
      applicationNumber: `UCZ2026030200${counter}`,
      companyName: '示例有限公司',
      name: '陈大文',
      loginUrl: 'http://127.0.0.1:3000/login',
    },
    ...extra,
  };
}

async function messageFor(dedupeKey: string) {
  return outboxMessageModel(database.db).findOne({ dedupeKey }).lean();
}

beforeAll(async () => {
  database = await openTestDatabase();
  mail = await startSmtpSink({ logger });
  sms = createSmsSink(logger);
  config = loadConfig({ NODE_ENV: 'test', SIMULATOR: 'true', OUTBOX_POLL_MS: '20' });
  mailer = createSmtpMailer({ url: mail.url, from: config.MAIL_FROM, logger });
  clock = new ManualClock(new Date('2026-03-02T02:00:00Z'));
  outbox = createNotificationOutbox({ db: database.db, clock, logger });
  await syncIndexes(database.db);
});

afterAll(async () => {
  mailer.close();
  await mail.stop();
  await database.drop();
});

beforeEach(async () => {
  mail.setFailing(false);
  sms.setFailing(false);
  mail.clear();
  sms.clear();
  // Earlier tests leave retries behind; each test starts with an empty outbox.
  await outboxMessageModel(database.db).deleteMany({});
  await outboxClaimModel(database.db).deleteMany({});
});

describe('notification outbox', () => {
  it('stores one message per dedupe key', async () => {
    const request = approvedMail('dedupe@example.com');
    await outbox.enqueue(request);
    await outbox.enqueue(request);
    await outbox.enqueue({ ...request, to: 'other@example.com' });

    expect(
      await outboxMessageModel(database.db).countDocuments({ dedupeKey: request.dedupeKey }),
    ).toBe(1);
    expect(await worker().runOnce()).toBe(1);
    expect(mail.messages().map((m) => m.to)).toEqual([['dedupe@example.com']]);
  });

  it('rejects a message whose parameters do not fit its template', async () => {
    await expect(
      outbox.enqueue({ ...approvedMail('a@example.com'), template: 'application_rejected' }),
    ).rejects.toThrow('reason');
    await expect(outbox.enqueue(approvedMail('not-an-address'))).rejects.toThrow('to');
    await expect(
      outbox.enqueue({ ...approvedMail('+85291234567'), channel: 'sms', to: '91234567' }),
    ).rejects.toThrow('to');
    expect(await outboxMessageModel(database.db).countDocuments({})).toBe(0);
  });

  it('renders the approval mail saying the account can log in', async () => {
    await outbox.enqueue(
      approvedMail('zh@example.com', {
        params: { ...approvedMail('x').params, username: 'chantaiman' },
      }),
    );
    await outbox.enqueue(approvedMail('hk@example.com', { locale: 'zh-HK' }));
    await outbox.enqueue(approvedMail('en@example.com', { locale: 'en' }));
    expect(await worker().runOnce()).toBe(3);

    const zh = await mail.waitFor((m) => m.to.includes('zh@example.com'));
    expect(zh.subject).toContain('用户认证申请已通过');
    expect(zh.text).toContain('陈大文，您好');
    expect(zh.text).toContain('示例有限公司');
    expect(zh.text).toContain('您的账号 chantaiman 现在可以登录统一客户专区');
    expect(zh.text).toContain('登录地址：http://127.0.0.1:3000/login');

    const hk = await mail.waitFor((m) => m.to.includes('hk@example.com'));
    expect(hk.subject).toContain('用戶認證申請已通過');
    expect(hk.text).toContain('現在可以登入統一客戶專區');

    const en = await mail.waitFor((m) => m.to.includes('en@example.com'));
    expect(en.subject).toContain('Certification application approved');
    expect(en.text).toContain('can now log in to the Unified Customer Zone');
  });

  it('renders submission and rejection notices', async () => {
    const base = { applicationNumber: 'UCZ-9', companyName: 'Example Ltd', name: 'Tai Man Chan' };
    await outbox.enqueue({
      dedupeKey: 'submitted:9',
      channel: 'email',
      to: 'submitted@example.com',
      locale: 'en',
      template: 'application_submitted',
      params: base,
    });
    await outbox.enqueue({
      dedupeKey: 'rejected:9',
      channel: 'email',
      to: 'rejected@example.com',
      locale: 'zh-CN',
      template: 'application_rejected',
      params: { ...base, reason: '商业登记证影印件不清晰' },
    });
    expect(await worker().runOnce()).toBe(2);

    const submitted = await mail.waitFor((m) => m.to.includes('submitted@example.com'));
    expect(submitted.text).toContain('Application number: UCZ-9');
    expect(submitted.text).toContain('within 3 working days');

    const rejected = await mail.waitFor((m) => m.to.includes('rejected@example.com'));
    expect(rejected.subject).toContain('用户认证申请未通过');
    expect(rejected.text).toContain('原因：商业登记证影印件不清晰');
    expect(rejected.text).toContain('重新提交');
  });

  it('renders without name or company and ignores extra parameters', async () => {
    await outbox.enqueue({
      dedupeKey: 'submitted:bare',
      channel: 'email',
      to: 'bare@example.com',
      locale: 'zh-CN',
      template: 'application_submitted',
      params: { applicationNumber: 'UCZ-10', name: '', submittedAt: '2026-03-02T02:00:00.000Z' },
    });
    expect(await worker().runOnce()).toBe(1);

    const bare = await mail.waitFor((m) => m.to.includes('bare@example.com'));
    expect(bare.text.startsWith('您好：')).toBe(true);
    expect(bare.text).toContain('您提交的用户认证申请已收到，申请编号：UCZ-10。');
    expect(bare.text).not.toContain('undefined');
  });

  it('sends SMS notifications through the SMS sender', async () => {
    await outbox.enqueue({
      ...approvedMail('x'),
      channel: 'sms',
      to: '+85291234567',
      locale: 'zh-HK',
    });
    expect(await worker().runOnce()).toBe(1);
    const [message] = sms.messages();
    expect(message?.to).toBe('+85291234567');
    expect(message?.text).toContain('已審核通過');
  });

  it('retries with backoff while SMTP is down and delivers once after', async () => {
    const request = approvedMail('retry@example.com');
    mail.setFailing(true);
    await outbox.enqueue(request);
    const start = clock.now().getTime();

    expect(await worker().runOnce()).toBe(1);
    let stored = await messageFor(request.dedupeKey);
    expect(stored?.status).toBe('pending');
    expect(stored?.attempts).toBe(1);
    expect(stored?.nextAttemptAt.getTime()).toBe(start + 30_000);
    expect(stored?.lastError).toContain('451');

    // Not due yet: nothing happens.
    expect(await worker().runOnce()).toBe(0);

    clock.advance(30_000);
    expect(await worker().runOnce()).toBe(1);
    stored = await messageFor(request.dedupeKey);
    expect(stored?.attempts).toBe(2);
    expect(stored?.nextAttemptAt.getTime()).toBe(start + 30_000 + 60_000);

    mail.setFailing(false);
    clock.advance(60_000);
    expect(await worker().runOnce()).toBe(1);
    expect(await worker().runOnce()).toBe(0);

    expect(mail.messages().filter((m) => m.to.includes('retry@example.com'))).toHaveLength(1);
    stored = await messageFor(request.dedupeKey);
    expect(stored?.status).toBe('sent');
    expect(stored?.attempts).toBe(3);
    expect(stored?.lastError).toBeUndefined();
  });

  it('doubles the delay up to 30 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(retryDelayMs)).toEqual([
      30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_800_000, 1_800_000,
    ]);
    expect(retryDelayMs(outboxPolicy.maxAttempts)).toBe(1_800_000);
  });

  it('gives up after the last attempt', async () => {
    const request = approvedMail('gone@example.com');
    mail.setFailing(true);
    await outbox.enqueue(request);

    for (let attempt = 1; attempt <= outboxPolicy.maxAttempts; attempt += 1) {
      expect(await worker().runOnce()).toBe(1);
      clock.advance(outboxPolicy.maxRetryDelayMs);
    }
    const stored = await messageFor(request.dedupeKey);
    expect(stored?.status).toBe('failed');
    expect(stored?.attempts).toBe(outboxPolicy.maxAttempts);
    expect(stored?.failedAt).toBeInstanceOf(Date);

    mail.setFailing(false);
    expect(await worker().runOnce()).toBe(0);
    expect(mail.messages()).toHaveLength(0);
  });

  it('gives up at once on a permanent rejection', async () => {
    const rejecting: SmsSender = {
      send: async () => {
        throw new DeliveryError('number rejected by provider', {
          permanent: true,
          providerCode: 'InvalidNumber',
        });
      },
    };
    const request = { ...approvedMail('x'), channel: 'sms' as const, to: '+85290000000' };
    await outbox.enqueue(request);
    expect(await worker({ sms: rejecting }).runOnce()).toBe(1);

    const stored = await messageFor(request.dedupeKey);
    expect(stored?.status).toBe('failed');
    expect(stored?.attempts).toBe(1);
    expect(stored?.lastError).toBe('number rejected by provider');
  });

  it('never sends a message twice from concurrent workers', async () => {
    const recipients = Array.from({ length: 12 }, (_, index) => `race${index}@example.com`);
    for (const to of recipients) await outbox.enqueue(approvedMail(to));

    const handled = await Promise.all([worker().runOnce(), worker().runOnce(), worker().runOnce()]);
    expect(handled.reduce((sum, count) => sum + count, 0)).toBe(12);
    for (const to of recipients) {
      expect(mail.messages().filter((m) => m.to.includes(to))).toHaveLength(1);
    }
    expect(await outboxMessageModel(database.db).countDocuments({ status: 'sent' })).toBe(12);
  });

  it('takes over an attempt whose worker died after its lease', async () => {
    const request = approvedMail('orphan@example.com');
    await outbox.enqueue(request);
    const stored = await messageFor(request.dedupeKey);
    // A worker claimed attempt 1 and died before sending.
    await outboxClaimModel(database.db).create({
      messageId: stored?._id,
      attempt: 1,
      claimedAt: clock.now(),
      leaseUntil: new Date(clock.now().getTime() + outboxPolicy.leaseMs),
    });

    expect(await worker().runOnce()).toBe(0);
    expect(mail.messages()).toHaveLength(0);

    clock.advance(outboxPolicy.leaseMs + 1000);
    expect(await worker().runOnce()).toBe(1);
    expect(mail.messages().filter((m) => m.to.includes('orphan@example.com'))).toHaveLength(1);
    const after = await messageFor(request.dedupeKey);
    expect(after?.status).toBe('sent');
    expect(after?.attempts).toBe(2);
  });

  it('delivers in the background between start and stop', async () => {
    const background = worker();
    background.start();
    try {
      await outbox.enqueue(approvedMail('background@example.com'));
      const received = await mail.waitFor((m) => m.to.includes('background@example.com'), 3000);
      expect(received.subject).toContain('用户认证申请已通过');
    } finally {
      await background.stop();
    }

    await outbox.enqueue(approvedMail('after-stop@example.com'));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(mail.messages().filter((m) => m.to.includes('after-stop@example.com'))).toHaveLength(0);
  });
});
