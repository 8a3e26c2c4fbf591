import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Public base URL used in links inside mails; defaults to http://HOST:PORT. */
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

  /** A real MongoDB or FerretDB. When unset, a local database is started (see README). */
  MONGODB_URI: z.string().startsWith('mongodb').optional(),
  /** Folder for the local database's files when MONGODB_URI is unset. */
  LOCAL_DB_DIR: z.string().default('.data/db'),

  /** Runs the local stand-ins for SMTP, SMS and WeChat instead of real providers. */
  SIMULATOR: booleanFlag.default(true),
  /** Port of the simulator's SMTP sink; 0 picks a free one. */
  SIMULATOR_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(0),

  SMTP_URL: z.string().optional(),
  MAIL_FROM: z.string().default('统一客户专区 <no-reply@ucz.local>'),

  SMS_PROVIDER: z.enum(['simulator', 'tencent']).default('simulator'),
  TENCENT_SMS_SECRET_ID: z.string().optional(),
  TENCENT_SMS_SECRET_KEY: z.string().optional(),
  TENCENT_SMS_SDK_APP_ID: z.string().optional(),
  TENCENT_SMS_SIGN_NAME: z.string().optional(),
  TENCENT_SMS_TEMPLATE_ID: z.string().optional(),
  TENCENT_SMS_ENDPOINT: z.url().default('https://sms.tencentcloudapi.com'),
  TENCENT_SMS_REGION: z.string().default('ap-guangzhou'),

  /** Version of the user agreement that applicants accept now. */
  AGREEMENT_VERSION: z.string().default('2026-01'),
  /** JSON file of public holidays and make-up working days; defaults to the bundled calendar. */
  HOLIDAY_CALENDAR_FILE: z.string().optional(),
  REVIEW_WORKING_DAYS: z.coerce.number().int().min(1).max(30).default(3),
  /** Time zone of review deadlines and daily limits. */
  BUSINESS_TIME_ZONE: z.string().default('Asia/Shanghai'),

  /** Comma-separated proxy addresses whose X-Forwarded-For is trusted. */
  TRUSTED_PROXIES: z.string().default(''),

  UPLOAD_MAX_BYTES: z.coerce.number().int().positive().default(10 * 1024 * 1024),
  OTP_TTL_SECONDS: z.coerce.number().int().positive().default(300),
  OTP_MAX_ATTEMPTS: z.coerce.number().int().positive().default(5),
  OTP_RESEND_SECONDS: z.coerce.number().int().positive().default(60),
  OTP_DAILY_LIMIT_PER_DESTINATION: z.coerce.number().int().positive().default(10),
  OTP_DAILY_LIMIT_PER_IP: z.coerce.number().int().positive().default(30),

  /** Argon2id parameters for password hashing. */
  ARGON2_MEMORY_KIB: z.coerce.number().int().min(8192).default(19456),
  ARGON2_TIME_COST: z.coerce.number().int().min(1).default(2),
  ARGON2_PARALLELISM: z.coerce.number().int().min(1).default(1),

  /** Lifetime of a reviewer session. */
  STAFF_SESSION_HOURS: z.coerce.number().positive().default(8),
  /** How often the notification worker looks for due messages. */
  OUTBOX_POLL_MS: z.coerce.number().int().positive().default(1000),
});

export type Config = z.infer<typeof configSchema>;

/** Names of settings that must never be printed. */
export const secretSettings = ['MONGODB_URI', 'SMTP_URL', 'TENCENT_SMS_SECRET_KEY'] as const;

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((issue) => `  - ${issue}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment into a typed config; throws ConfigError naming each bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const result = configSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(
      result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  const config = result.data;
  if (!config.SIMULATOR && config.SMS_PROVIDER === 'simulator') {
    throw new ConfigError(['SMS_PROVIDER: set "tencent" when SIMULATOR=false']);
  }
  if (!config.SIMULATOR && !config.SMTP_URL) {
    throw new ConfigError(['SMTP_URL: required when SIMULATOR=false']);
  }
  if (config.SIMULATOR && config.SMS_PROVIDER !== 'simulator') {
    throw new ConfigError([
      'SMS_PROVIDER: simulator mode refuses real providers; set SIMULATOR=false to use them',
    ]);
  }
  return config;
}

/** Builds the public base URL of the website and API. */
export function publicUrl(config: Config, port: number): string {
  return config.PUBLIC_URL ?? `http://${config.HOST}:${port}`;
}
