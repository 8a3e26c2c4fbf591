import { loadConfig } from '../../src/config';
import type { Config } from '../../src/config';
import { syncIndexes } from '../../src/db/connect';
import { ManualClock } from '../../src/lib/clock';
import { createLogger } from '../../src/logger';
import { createSmtpMailer } from '../../src/modules/notifications/smtp-mailer';
import { createOtpService } from '../../src/modules/otp/otp.service';
import type { OtpService } from '../../src/modules/otp/otp.types';
import { createSmsSink } from '../../src/simulator/sms-sink';
import type { SmsSink } from '../../src/simulator/sms-sink';
import { startSmtpSink } from '../../src/simulator/smtp-sink';
import type { SmtpSink } from '../../src/simulator/smtp-sink';
import { openTestDatabase } from '../support/database';
import type { TestDatabase } from '../support/database';

export interface OtpFixture {
  otp: OtpService;
  config: Config;
  clock: ManualClock;
  database: TestDatabase;
  mail: SmtpSink;
  sms: SmsSink;
  close(): Promise<void>;
}

/**
 * Starts the OTP service on a fresh database of the test server, sending through the real
 * mailer to a real SMTP sink and to an SMS sink, with a manual clock.
 */
export async function startOtpFixture(
  env: Record<string, string> = {},
  now?: Date,
): Promise<OtpFixture> {
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const database = await openTestDatabase();
  const mail = await startSmtpSink({ logger });
  const sms = createSmsSink(logger);
  const config = loadConfig({ NODE_ENV: 'test', SIMULATOR: 'true', ...env });
  const mailer = createSmtpMailer({ url: mail.url, from: config.MAIL_FROM, logger });
  const clock = new ManualClock(now ?? new Date('2026-03-02T02:00:00Z'));
  const otp = createOtpService({ db: database.db, config, clock, mailer, sms, logger });
  await syncIndexes(database.db);

  return {
    otp,
    config,
    clock,
    database,
    mail,
    sms,
    close: async () => {
      mailer.close();
      await mail.stop();
      await database.drop();
    },
  };
}

/** Extracts the 6-digit code from a message text. */
export function codeIn(text: string): string {
  const match = /\b(\d{6})\b/u.exec(text);
  if (!match?.[1]) throw new Error(`no 6-digit code in message: ${text}`);
  return match[1];
}
