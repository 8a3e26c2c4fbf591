import { z } from 'zod';
import { businessCategoryCodes } from '../catalogues/business-categories';
import { locales } from '../i18n/locales';
import { passwordMaxLength } from './password';

/**
 * Request and response shapes of account login (账号登录), sessions, password change,
 * password reset and account activation.
 */

const isoDateTime = z.iso.datetime();
const loginName = z.string().trim().min(1).max(100);
const password = z.string().min(1).max(passwordMaxLength);
const otpCode = z.string().trim().min(1).max(12);

/**
 * How the client keeps its session: `cookie` (the website: HttpOnly cookies plus a CSRF
 * token) or `bearer` (the mini-program: tokens in the response body).
 */
export const tokenTransports = ['cookie', 'bearer'] as const;
export type TokenTransport = (typeof tokenTransports)[number];

/** Owners of sessions: a customer's account or an operator staff member. */
export const sessionSubjects = ['account', 'staff'] as const;
export type SessionSubject = (typeof sessionSubjects)[number];

/**
 * Cookie that carries the CSRF token of a cookie session. Unlike the token cookies it is
 * readable by scripts: the website sends its value back in `X-CSRF-Token` on POST, PUT,
 * PATCH and DELETE.
 */
export const csrfCookieNames: Record<SessionSubject, string> = {
  account: 'ucz_csrf',
  staff: 'ucz_staff_csrf',
};
export const csrfHeaderName = 'X-CSRF-Token';

/** Where a one-time code goes: the account's mobile (获取短信验证码) or its email (使用邮箱验证码). */
export const loginCodeChannels = ['sms', 'email'] as const;
export type LoginCodeChannel = (typeof loginCodeChannels)[number];

export const loginCodeRequestSchema = z.object({
  username: loginName,
  password,
  /** `sms` falls back to email when the account has no mobile. */
  channel: z.enum(loginCodeChannels).default('sms'),
  /** 抄送给客户经理: the code goes by email, with a copy to the company's customer manager. */
  copyToManager: z.boolean().default(false),
});
export type LoginCodeRequest = z.input<typeof loginCodeRequestSchema>;

export const loginCodeResponseSchema = z.object({
  /** Send it back with the password and the code to POST /api/auth/login. */
  challengeId: z.string(),
  channel: z.enum(loginCodeChannels),
  /** The masked number or address the code went to, such as `+852****4567`. */
  destination: z.string(),
  /** True when a copy went to the company's customer manager. */
  copiedToManager: z.boolean(),
  expiresInSeconds: z.number().int(),
  resendAfterSeconds: z.number().int(),
});
export type LoginCodeResponse = z.infer<typeof loginCodeResponseSchema>;

export const loginRequestSchema = z
  .object({
    /** From POST /api/auth/login/code; `username` may stand in for it. */
    challengeId: z.string().trim().min(1).max(64).optional(),
    username: loginName.optional(),
    password,
    code: otpCode,
    tokenTransport: z.enum(tokenTransports).default('cookie'),
  })
  .superRefine((value, context) => {
    if (value.challengeId === undefined && value.username === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['challengeId'],
        params: { code: 'required' },
        message: 'required',
      });
    }
  });
export type LoginRequest = z.input<typeof loginRequestSchema>;

/** The tokens of a session. With `cookie` transport the tokens travel only in HttpOnly cookies. */
export const sessionViewSchema = z.object({
  tokenTransport: z.enum(tokenTransports),
  /** Bearer transport only: send as `Authorization: Bearer <accessToken>`. */
  accessToken: z.string().optional(),
  accessTokenExpiresAt: isoDateTime,
  /** Bearer transport only: exchange at the refresh endpoint; each one works once. */
  refreshToken: z.string().optional(),
  refreshTokenExpiresAt: isoDateTime,
  /** Cookie transport only: send as `X-CSRF-Token` on POST, PUT, PATCH and DELETE. */
  csrfToken: z.string().optional(),
});
export type SessionView = z.infer<typeof sessionViewSchema>;

export const accountRoles = ['admin', 'user'] as const;
export type AccountRole = (typeof accountRoles)[number];

export const accountStatuses = ['active', 'disabled'] as const;
export type AccountStatus = (typeof accountStatuses)[number];

/** The logged-in account's own view of itself and its company. */
export const selfViewSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  department: z.string(),
  phone: z.string(),
  title: z.string(),
  email: z.string(),
  mobile: z.string().optional(),
  role: z.enum(accountRoles),
  permissions: z.array(z.enum(businessCategoryCodes)),
  locale: z.enum(locales),
  company: z.object({
    id: z.string(),
    fullName: z.string(),
    shortName: z.string().optional(),
    /** The customer manager's name; the address stays with the operator. */
    customerManagerName: z.string().optional(),
  }),
});
export type SelfView = z.infer<typeof selfViewSchema>;

export const loginResponseSchema = z.object({
  session: sessionViewSchema,
  account: selfViewSchema,
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const refreshRequestSchema = z.object({
  /** Bearer transport; the website sends the refresh cookie instead. */
  refreshToken: z.string().min(1).max(200).optional(),
});

export const refreshResponseSchema = z.object({ session: sessionViewSchema });

export const logoutRequestSchema = z.object({
  /** Bearer transport: ends this token's session even when the access token has expired. */
  refreshToken: z.string().min(1).max(200).optional(),
  /** Ends every session of the account, on every device. */
  everywhere: z.boolean().default(false),
});

export const changePasswordRequestSchema = z.object({
  oldPassword: password,
  newPassword: z.string().max(passwordMaxLength),
});

export const passwordResetCodeRequestSchema = z.object({
  email: z.string().trim().min(1).max(254),
});

export const passwordResetCodeResponseSchema = z.object({
  /** Always true: the response does not reveal whether an account uses the address. */
  accepted: z.literal(true),
  resendAfterSeconds: z.number().int(),
  expiresInSeconds: z.number().int(),
});

export const passwordResetRequestSchema = z.object({
  email: z.string().trim().min(1).max(254),
  code: otpCode,
  newPassword: z.string().max(passwordMaxLength),
});

/** Sets the first password of an account an administrator added: with the emailed link's token, or with email and code. */
export const activateRequestSchema = z
  .object({
    token: z.string().trim().min(1).max(200).optional(),
    email: z.string().trim().min(1).max(254).optional(),
    code: otpCode.optional(),
    password: z.string().max(passwordMaxLength),
  })
  .superRefine((value, context) => {
    if (value.token !== undefined) return;
    if (value.email === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['email'],
        params: { code: 'required' },
        message: 'required',
      });
    }
    if (value.code === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['code'],
        params: { code: 'required' },
        message: 'required',
      });
    }
  });
export type ActivateRequest = z.input<typeof activateRequestSchema>;
