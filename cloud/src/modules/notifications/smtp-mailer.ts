import nodemailer from 'nodemailer';
import type { Logger } from '../../logger';
import { DeliveryError } from './delivery-error';
import type { MailMessage, Mailer } from './notification.types';

export interface SmtpMailerOptions {
  /** `smtp://user:pass@host:port` or `smtps://...`; nodemailer options may follow as query parameters. */
  url: string;
  /** The From header, such as `统一客户专区 <no-reply@example.com>`. */
  from: string;
  logger: Logger;
}

/** Timeouts in milliseconds; nodemailer's defaults (2 and 10 minutes) would hold a request or worker too long. */
const timeouts = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

function isLoopbackHost(hostname: string): boolean {
  return (
    hostname === 'localhost' ||
    hostname === '[::1]' ||
    hostname === '::1' ||
    hostname.startsWith('127.')
  );
}

/**
 * Maps a nodemailer error to a DeliveryError. SMTP 5xx replies (unknown mailbox,
 * message rejected) are permanent; 4xx replies, timeouts and connection or
 * authentication failures are temporary, so the outbox retries them.
 */
function toDeliveryError(error: unknown): DeliveryError {
  const details = (typeof error === 'object' && error !== null ? error : {}) as {
    responseCode?: unknown;
    code?: unknown;
    message?: unknown;
  };
  const responseCode = typeof details.responseCode === 'number' ? details.responseCode : undefined;
  const code = typeof details.code === 'string' ? details.code : undefined;
  const reason = typeof details.message === 'string' ? details.message : String(error);
  return new DeliveryError(`SMTP delivery failed: ${reason}`, {
    permanent: responseCode !== undefined && responseCode >= 500 && responseCode < 600,
    providerCode: responseCode !== undefined ? String(responseCode) : code,
    cause: error,
  });
}

/**
 * Creates a Mailer that sends through SMTP with nodemailer: one connection per message
 * (no pool), short timeouts, and STARTTLS required except on loopback addresses, where
 * the simulator's sink speaks plain SMTP. A `requireTLS=false` query parameter in the
 * URL turns the requirement off for a relay without TLS.
 */
export function createSmtpMailer(options: SmtpMailerOptions): Mailer & { close(): void } {
  const url = new URL(options.url);
  const loopback = isLoopbackHost(url.hostname);
  const secure = url.protocol === 'smtps:';
  const log = options.logger.child({ component: 'smtp-mailer' });

  // Options parsed from the URL (host, port, auth, query parameters) override these defaults.
  const transporter = nodemailer.createTransport({
    url: options.url,
    pool: false,
    ...timeouts,
    ignoreTLS: loopback && !secure,
    requireTLS: !loopback && !secure,
  });
  log.info({ host: url.hostname, port: url.port || undefined, secure }, 'SMTP mailer configured');

  return {
    async send(message: MailMessage): Promise<void> {
      const recipients = Array.isArray(message.to) ? message.to : [message.to];
      try {
        const info = await transporter.sendMail({
          from: options.from,
          to: recipients,
          subject: message.subject,
          text: message.text,
          ...(message.html !== undefined ? { html: message.html } : {}),
        });
        log.debug({ messageId: info.messageId, recipients: recipients.length }, 'mail sent');
      } catch (error) {
        throw toDeliveryError(error);
      }
    },
    close() {
      transporter.close();
    },
  };
}
