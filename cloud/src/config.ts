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
  /**
   * Password of the reviewer `reviewer` and operator admin `operator` that simulator mode
   * creates at start when they are missing. Simulator mode only; never used otherwise.
   */
  SIMULATOR_STAFF_PASSWORD: z.string().default('Reviewer@2026'),
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

  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  /** Folder of the built website (the Taro h5 build), relative to the repository root. */
  WEBSITE_DIR: z.string().default('miniapp/dist/h5'),
  /** Days an unsubmitted certification draft stays usable after its last use. */
  DRAFT_TTL_DAYS: z.coerce.number().int().positive().default(30),
  /** Lifetime of the token that the progress query hands out. */
  APPLICATION_TOKEN_MINUTES: z.coerce.number().int().positive().default(30),
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

  /**
   * Keys that sign session access tokens (HS256), as a JSON list
   * `[{"kid":"2026-01","secret":"..."}]` or as `kid=secret,kid2=secret2`. Every listed
   * key verifies tokens, so a new key can be added before it signs. Secrets need at
   * least 32 characters. Required unless SIMULATOR=true; then a random key is generated
   * at start and sessions end on restart.
   */
  SESSION_SIGNING_KEYS: z.string().optional(),
  /** Key id in SESSION_SIGNING_KEYS that signs new tokens; required when it lists more than one key. */
  SESSION_ACTIVE_KEY_ID: z.string().optional(),
  /** Lifetime of an access token in seconds. */
  ACCESS_TOKEN_SECONDS: z.coerce.number().int().min(30).max(3600).default(600),
  /** Lifetime of a refresh token in days; each refresh issues a new one. */
  REFRESH_TOKEN_DAYS: z.coerce.number().positive().default(14),
  /** Days after login when an account session ends whatever its refreshes. */
  SESSION_MAX_DAYS: z.coerce.number().positive().default(30),
  /** Milliseconds one instance reuses what it read about a session's account or staff member. */
  SESSION_STATE_CACHE_MS: z.coerce.number().int().min(0).max(5000).default(3000),
  /** Marks session cookies Secure on plain HTTP requests too, for a TLS proxy not listed in TRUSTED_PROXIES. */
  COOKIE_SECURE: booleanFlag.default(false),
  /** Consecutive wrong passwords that lock an account or staff member. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).default(5),
  LOGIN_LOCK_MINUTES: z.coerce.number().positive().default(15),
  /** Password attempts (login and login-code requests) allowed per client address per LOGIN_IP_WINDOW_MINUTES. */
  LOGIN_ATTEMPTS_PER_IP: z.coerce.number().int().positive().default(60),
  LOGIN_IP_WINDOW_MINUTES: z.coerce.number().positive().default(15),
  /** Password reset code requests allowed per client address per hour. */
  PASSWORD_RESET_REQUESTS_PER_IP: z.coerce.number().int().positive().default(20),
  /** Hours the emailed link for setting a first or new password stays valid. */
  ACTIVATION_LINK_HOURS: z.coerce.number().positive().default(72),
  /** How often the notification worker looks for due messages. */
  OUTBOX_POLL_MS: z.coerce.number().int().positive().default(1000),

  /**
   * Base URL of the WeChat API, https://api.weixin.qq.com in production. Required when a
   * WeChat app is configured; simulator mode points it at its fake WeChat server.
   */
  WECHAT_API_BASE_URL: z.url().optional(),
  /** AppID and AppSecret of the mini-program. */
  WECHAT_APPID: z
    .string()
    .regex(/^wx[0-9a-zA-Z]{16}$/u, 'expected wx followed by 16 letters or digits')
    .optional(),
  WECHAT_SECRET: z.string().min(16).optional(),
  /** AppID and AppSecret of the official account 深证通客户服务中心. */
  WECHAT_OFFICIAL_APPID: z
    .string()
    .regex(/^wx[0-9a-zA-Z]{16}$/u, 'expected wx followed by 16 letters or digits')
    .optional(),
  WECHAT_OFFICIAL_SECRET: z.string().min(16).optional(),
  /** Token of the official account's message push (3-32 letters or digits, set in its admin console). */
  WECHAT_OFFICIAL_TOKEN: z
    .string()
    .regex(/^[A-Za-z0-9]{3,32}$/u, 'expected 3-32 letters or digits')
    .optional(),
  /** Subscribe-message template ids; see modules/wechat/subscribe-templates.ts for their keys. */
  WECHAT_TEMPLATE_REVIEW_RESULT: z.string().min(1).optional(),
  WECHAT_TEMPLATE_SECURITY_NOTICE: z.string().min(1).optional(),
  /** Mini-program page of 个人信息, without a leading slash or query. */
  WECHAT_PROFILE_PAGE: z
    .string()
    .regex(
      /^[A-Za-z0-9_\-.]+(\/[A-Za-z0-9_\-.]+)*$/u,
      'expected a page path without a leading slash or query',
    )
    .default('pages/profile/index'),
  /** Mini-program page that a scan-login code opens, without a leading slash or query. */
  WECHAT_SCAN_LOGIN_PAGE: z
    .string()
    .regex(
      /^[A-Za-z0-9_\-.]+(\/[A-Za-z0-9_\-.]+)*$/u,
      'expected a page path without a leading slash or query',
    )
    .default('pages/scan-login/index'),
  /**
   * Version of the mini-program that scan-login codes open: release, trial or develop.
   * Only release codes make WeChat check that the page exists in the published version.
   */
  WECHAT_CODE_ENV_VERSION: z.enum(['release', 'trial', 'develop']).default('release'),
  /** Seconds a website's scan-login code stays valid unless the WeChat user confirms or cancels it. */
  WECHAT_SCAN_TICKET_SECONDS: z.coerce.number().int().min(5).max(600).default(120),
  /** How often a website watching a scan ticket reads it from the database, in milliseconds. */
  WECHAT_SCAN_POLL_MS: z.coerce.number().int().min(100).max(5000).default(750),
  /** Version of the mini-program that subscribe messages open: formal, trial or developer. */
  WECHAT_MINIPROGRAM_STATE: z.enum(['formal', 'trial', 'developer']).default('formal'),
  /** Timeout of one call to the WeChat API, in milliseconds. */
  WECHAT_HTTP_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(5000),
});

export type Config = z.infer<typeof configSchema>;

/** Names of settings that must never be printed. */
export const secretSettings = [
  'MONGODB_URI',
  'SMTP_URL',
  'TENCENT_SMS_SECRET_KEY',
  'SESSION_SIGNING_KEYS',
  'WECHAT_SECRET',
  'WECHAT_OFFICIAL_SECRET',
  'WECHAT_OFFICIAL_TOKEN',
] as const;

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
  if (!config.SIMULATOR && !config.SESSION_SIGNING_KEYS) {
    throw new ConfigError(['SESSION_SIGNING_KEYS: required when SIMULATOR=false']);
  }
  if (config.SIMULATOR && config.SMS_PROVIDER !== 'simulator') {
    throw new ConfigError([
      'SMS_PROVIDER: simulator mode refuses real providers; set SIMULATOR=false to use them',
    ]);
  }
  const wechatProblems = wechatConfigProblems(config);
  if (wechatProblems.length > 0) throw new ConfigError(wechatProblems);
  return config;
}

/** Settings that point at a real WeChat app; simulator mode uses its fake WeChat instead. */
const realWechatSettings = [
  'WECHAT_API_BASE_URL',
  'WECHAT_APPID',
  'WECHAT_SECRET',
  'WECHAT_OFFICIAL_APPID',
  'WECHAT_OFFICIAL_SECRET',
  'WECHAT_OFFICIAL_TOKEN',
  'WECHAT_TEMPLATE_REVIEW_RESULT',
  'WECHAT_TEMPLATE_SECURITY_NOTICE',
] as const;

/**
 * Checks the WeChat settings: simulator mode refuses every real WeChat setting, so that
 * a simulator never talks to a real app; otherwise each app is configured completely or
 * not at all, and a configured app needs WECHAT_API_BASE_URL.
 */
function wechatConfigProblems(config: Config): string[] {
  if (config.SIMULATOR) {
    return realWechatSettings
      .filter((name) => config[name] !== undefined)
      .map(
        (name) =>
          `${name}: simulator mode refuses real WeChat settings; unset it or set SIMULATOR=false`,
      );
  }
  const problems: string[] = [];
  const miniProgram = [config.WECHAT_APPID, config.WECHAT_SECRET];
  if (miniProgram.some(Boolean) && !miniProgram.every(Boolean)) {
    problems.push('WECHAT_APPID, WECHAT_SECRET: set both or neither');
  }
  const official = [
    config.WECHAT_OFFICIAL_APPID,
    config.WECHAT_OFFICIAL_SECRET,
    config.WECHAT_OFFICIAL_TOKEN,
  ];
  if (official.some(Boolean) && !official.every(Boolean)) {
    problems.push(
      'WECHAT_OFFICIAL_APPID, WECHAT_OFFICIAL_SECRET, WECHAT_OFFICIAL_TOKEN: set all three or none',
    );
  }
  if ((config.WECHAT_APPID || config.WECHAT_OFFICIAL_APPID) && !config.WECHAT_API_BASE_URL) {
    problems.push(
      'WECHAT_API_BASE_URL: required when a WeChat app is configured (https://api.weixin.qq.com)',
    );
  }
  return problems;
}

/** Builds the public base URL of the website and API. */
export function publicUrl(config: Config, port: number): string {
  return config.PUBLIC_URL ?? `http://${config.HOST}:${port}`;
}
