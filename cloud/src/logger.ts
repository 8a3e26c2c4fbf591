import pino from 'pino';
import type { Logger } from 'pino';

export type { Logger };

/**
 * Paths redacted from every log line. Codes, passwords and tokens never reach the logs,
 * even when a caller passes a whole object by mistake.
 */
const redactPaths = [
  'password',
  'confirmPassword',
  'oldPassword',
  'newPassword',
  // One-time codes travel as `otp` or inside request bodies; `code` alone is left readable
  // because error and exit codes use that key.
  'otp',
  'body.code',
  'req.body',
  'token',
  'draftToken',
  'accessToken',
  'secret',
  'passwordHash',
  'codeHash',
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-draft-token"]',
  'req.headers["x-application-token"]',
  '*.password',
  '*.otp',
  '*.token',
  '*.secret',
];

export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: { service: 'ucz-cloud' },
      redact: { paths: redactPaths, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    destination,
  );
}
