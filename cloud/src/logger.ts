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
  'code',
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
  '*.code',
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
