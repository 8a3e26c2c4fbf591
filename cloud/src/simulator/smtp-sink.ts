import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import type { SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import type { Logger } from '../logger';
import { MessageStore } from './message-store';

/** An email as the SMTP sink received it. */
export interface StoredMail {
  id: string;
  /** The From header, such as `统一客户专区 <no-reply@ucz.local>`. */
  from: string;
  /** Envelope recipients (RCPT TO), copies included. */
  to: string[];
  subject: string;
  text: string;
  html?: string;
  receivedAt: Date;
}

export interface SmtpSink {
  port: number;
  /** `smtp://127.0.0.1:PORT`, ready for the mailer. */
  url: string;
  /** Stored messages, oldest first. */
  messages(): StoredMail[];
  waitFor(predicate: (mail: StoredMail) => boolean, timeoutMs?: number): Promise<StoredMail>;
  clear(): void;
  stop(): Promise<void>;
  /** While true, every message is rejected with SMTP 451 so tests can play "mail server down". */
  setFailing(fail: boolean): void;
}

export interface SmtpSinkOptions {
  /** A loopback address; defaults to 127.0.0.1. */
  host?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  logger: Logger;
  /** Number of messages kept; the oldest are dropped first. */
  capacity?: number;
}

const maxMessageBytes = 15 * 1024 * 1024;

function isLoopback(host: string): boolean {
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

/** Builds an SMTP error that smtp-server sends to the client with the given reply code. */
function smtpError(responseCode: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode });
}

/**
 * Starts the simulator's SMTP sink: a real SMTP server (smtp-server) on a loopback
 * address that accepts mail without authentication or TLS, parses each message with
 * mailparser and keeps the newest ones in memory.
 */
export async function startSmtpSink(options: SmtpSinkOptions): Promise<SmtpSink> {
  const host = options.host ?? '127.0.0.1';
  if (!isLoopback(host)) {
    throw new Error(`SMTP sink host must be a loopback address, got "${host}"`);
  }
  const log = options.logger.child({ component: 'smtp-sink' });
  const store = new MessageStore<StoredMail>('mail', options.capacity);
  let failing = false;

  const storeMessage = async (
    stream: SMTPServerDataStream,
    session: SMTPServerSession,
  ): Promise<void> => {
    const parsed = await simpleParser(stream);
    if (stream.sizeExceeded) {
      throw smtpError(552, `Message exceeds the sink's limit of ${maxMessageBytes} bytes`);
    }
    const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
    const mail: StoredMail = {
      id: randomUUID(),
      from: parsed.from?.text ?? envelopeFrom,
      to: session.envelope.rcptTo.map((recipient) => recipient.address),
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      ...(parsed.html ? { html: parsed.html } : {}),
      receivedAt: new Date(),
    };
    store.add(mail);
    log.debug({ mailId: mail.id, recipients: mail.to.length }, 'mail received');
  };

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    hideSTARTTLS: true,
    size: maxMessageBytes,
    logger: false,
    banner: 'UCZ simulator SMTP sink',
    // Pending connections are cut after this on stop() instead of the default 30 s.
    closeTimeout: 1000,
    onMailFrom(_address, _session, callback) {
      if (failing) {
        callback(smtpError(451, '4.3.0 Mail server temporarily unavailable (simulated failure)'));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      storeMessage(stream, session).then(
        () => callback(),
        (error: unknown) => {
          log.warn({ err: error }, 'mail rejected: could not be parsed or stored');
          stream.resume();
          callback(error instanceof Error ? error : new Error(String(error)));
        },
      );
    },
  });
  server.on('error', (error) => log.warn({ err: error }, 'SMTP sink connection error'));

  await new Promise<void>((resolve, reject) => {
    const onListenError = (error: Error) => reject(error);
    server.server.once('error', onListenError);
    server.listen(options.port ?? 0, host, () => {
      server.server.off('error', onListenError);
      resolve();
    });
  });
  const { port } = server.server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  log.info({ host, port }, 'SMTP sink started');

  return {
    port,
    url: `smtp://${urlHost}:${port}`,
    messages: () => store.list(),
    waitFor: (predicate, timeoutMs) => store.waitFor(predicate, timeoutMs),
    clear: () => store.clear(),
    setFailing(fail) {
      failing = fail;
      log.info(
        { failing: fail },
        fail ? 'SMTP sink now rejects mail' : 'SMTP sink accepts mail again',
      );
    },
    stop: async () => {
      store.rejectWaiters('SMTP sink stopped');
      await new Promise<void>((resolve) => server.close(() => resolve()));
      log.info({ port }, 'SMTP sink stopped');
    },
  };
}
