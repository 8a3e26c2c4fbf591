import { createLogger } from '../../src/logger';
import { DeliveryError } from '../../src/modules/notifications/delivery-error';
import { createSmtpMailer } from '../../src/modules/notifications/smtp-mailer';
import { startSmtpSink } from '../../src/simulator/smtp-sink';
import type { SmtpSink } from '../../src/simulator/smtp-sink';

const logger = createLogger('silent');
const from = '统一客户专区 <no-reply@ucz.local>';

describe('SMTP sink with the real mailer', () => {
  let sink: SmtpSink;
  let mailer: ReturnType<typeof createSmtpMailer>;

  beforeAll(async () => {
    sink = await startSmtpSink({ logger, capacity: 3 });
    mailer = createSmtpMailer({ url: sink.url, from, logger });
  });

  afterAll(async () => {
    mailer.close();
    await sink.stop();
  });

  beforeEach(() => {
    sink.setFailing(false);
    sink.clear();
  });

  it('listens on a loopback port and names it in its URL', () => {
    expect(sink.port).toBeGreaterThan(0);
    expect(sink.url).toBe(`smtp://127.0.0.1:${sink.port}`);
  });

  it('receives and parses a UTF-8 message', async () => {
    await mailer.send({
      to: ['Applicant@Example.com', 'manager@example.com'],
      subject: '统一客户专区验证码',
      text: '您的验证码为 123456。',
      html: '<p>您的验证码为 <b>123456</b>。</p>',
    });

    const [mail] = sink.messages();
    expect(sink.messages()).toHaveLength(1);
    expect(mail?.from).toBe('"统一客户专区" <no-reply@ucz.local>');
    // nodemailer lower-cases the domain part; the local part stays as written.
    expect(mail?.to).toEqual(['Applicant@example.com', 'manager@example.com']);
    expect(mail?.subject).toBe('统一客户专区验证码');
    expect(mail?.text.trim()).toBe('您的验证码为 123456。');
    expect(mail?.html).toContain('<b>123456</b>');
    expect(mail?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(mail?.receivedAt).toBeInstanceOf(Date);
  });

  it('rejects mail with 451 while failing and accepts it again after', async () => {
    sink.setFailing(true);
    const failure = await mailer
      .send({ to: 'a@example.com', subject: 'down', text: 'x' })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DeliveryError);
    expect((failure as DeliveryError).permanent).toBe(false);
    expect((failure as DeliveryError).providerCode).toBe('451');
    expect(sink.messages()).toHaveLength(0);

    sink.setFailing(false);
    await mailer.send({ to: 'a@example.com', subject: 'up', text: 'x' });
    expect(sink.messages().map((mail) => mail.subject)).toEqual(['up']);
  });

  it('waitFor returns a stored match or the next arrival', async () => {
    await mailer.send({ to: 'first@example.com', subject: 'first', text: '1' });
    const stored = await sink.waitFor((mail) => mail.to.includes('first@example.com'), 100);
    expect(stored.subject).toBe('first');

    const pending = sink.waitFor((mail) => mail.subject === 'later', 3000);
    await mailer.send({ to: 'b@example.com', subject: 'later', text: '2' });
    await expect(pending).resolves.toMatchObject({ subject: 'later', to: ['b@example.com'] });
  });

  it('waitFor rejects when nothing matches in time', async () => {
    await expect(sink.waitFor((mail) => mail.subject === 'never', 50)).rejects.toThrow(
      'No matching mail arrived within 50 ms',
    );
  });

  it('keeps only the newest messages up to its capacity', async () => {
    for (const subject of ['m1', 'm2', 'm3', 'm4']) {
      await mailer.send({ to: 'c@example.com', subject, text: subject });
    }
    expect(sink.messages().map((mail) => mail.subject)).toEqual(['m2', 'm3', 'm4']);
  });

  it('refuses a host that is not loopback', async () => {
    await expect(startSmtpSink({ host: '0.0.0.0', logger })).rejects.toThrow('loopback');
  });
});

describe('SMTP mailer without a server', () => {
  it('reports a refused connection as a temporary DeliveryError', async () => {
    const sink = await startSmtpSink({ logger });
    const url = sink.url;
    await sink.stop();

    const mailer = createSmtpMailer({ url, from, logger });
    const failure = await mailer
      .send({ to: 'a@example.com', subject: 's', text: 't' })
      .catch((e: unknown) => e);
    mailer.close();

    expect(failure).toBeInstanceOf(DeliveryError);
    expect((failure as DeliveryError).permanent).toBe(false);
  });
});
