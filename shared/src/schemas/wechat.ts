import { z } from 'zod';
import { passwordMaxLength } from './password';
import { loginCodeChannels, selfViewSchema, sessionViewSchema } from './auth';

/**
 * Request and response shapes of WeChat login in the mini-program, scan login on the
 * website (微信登录), binding an account (微信绑定账号) and unbinding it (个人信息).
 */

const isoDateTime = z.iso.datetime();
const loginName = z.string().trim().min(1).max(100);
const password = z.string().min(1).max(passwordMaxLength);
const otpCode = z.string().trim().min(1).max(12);

/** A wx.login code: short printable ASCII. */
export const wxLoginCodeSchema = z.string().regex(/^[\x21-\x7e]{1,128}$/u);

/** A scan ticket id: the scene of the mini-program code, 32 letters and digits. */
export const scanTicketIdSchema = z.string().regex(/^[0-9A-Za-z]{32}$/u);

/** A bind ticket: what an unbound WeChat user shows to bind an account, for 10 minutes. */
export const bindTicketSchema = z.string().regex(/^[A-Za-z0-9_-]{20,100}$/u);

/** The account a WeChat user is bound to, as 个人信息 and the confirm page show it. */
export const boundAccountSchema = z.object({
  username: z.string(),
  name: z.string(),
  companyName: z.string(),
});
export type BoundAccount = z.infer<typeof boundAccountSchema>;

export const wechatLoginRequestSchema = z.object({ code: wxLoginCodeSchema });

/**
 * A WeChat user in the mini-program: bound users get a bearer session, unbound ones a
 * bind ticket for 微信绑定账号.
 */
export const wechatLoginResponseSchema = z.discriminatedUnion('bound', [
  z.object({
    bound: z.literal(true),
    session: sessionViewSchema,
    account: selfViewSchema,
  }),
  z.object({
    bound: z.literal(false),
    bindTicket: z.string(),
    bindTicketExpiresAt: isoDateTime,
  }),
]);
export type WechatLoginResponse = z.infer<typeof wechatLoginResponseSchema>;

export const scanTicketStates = [
  'waiting',
  'scanned',
  'confirmed',
  'cancelled',
  'expired',
] as const;
export type ScanTicketState = (typeof scanTicketStates)[number];

/** A scan ticket as returned to the website that created it. */
export const scanTicketViewSchema = z.object({
  ticketId: z.string(),
  state: z.enum(scanTicketStates),
  expiresAt: isoDateTime,
});
export type ScanTicketView = z.infer<typeof scanTicketViewSchema>;

export const scanTicketCreatedSchema = scanTicketViewSchema.extend({
  /** The mini-program code as a `data:image/png;base64,…` URL. */
  image: z.string(),
});
export type ScanTicketCreated = z.infer<typeof scanTicketCreatedSchema>;

/** Scanning: a fresh wx.login code, or nothing when a WeChat-made bearer session is sent. */
export const scanRequestSchema = z.object({ code: wxLoginCodeSchema.optional() });

/** Scan result for the mini-program: the ticket, and the WeChat user's account or bind ticket. */
export const scanResponseSchema = z.discriminatedUnion('bound', [
  z.object({
    bound: z.literal(true),
    ticket: scanTicketViewSchema,
    account: boundAccountSchema,
    /** Present when the scan logged the WeChat user in with a code. */
    session: sessionViewSchema.optional(),
  }),
  z.object({
    bound: z.literal(false),
    ticket: scanTicketViewSchema,
    /** Binding with it completes the website login of this ticket. */
    bindTicket: z.string(),
    bindTicketExpiresAt: isoDateTime,
  }),
]);
export type ScanResponse = z.infer<typeof scanResponseSchema>;

/** Cancelling (取消): by a WeChat-made bearer session, or by an unbound user's bind ticket. */
export const scanCancelRequestSchema = z.object({ bindTicket: bindTicketSchema.optional() });

export const scanDecisionResponseSchema = z.object({ ticket: scanTicketViewSchema });

const bindCredentials = {
  bindTicket: bindTicketSchema,
  /** 用户名: the account name. */
  username: loginName,
  password,
  /** 手机号/邮箱: the account's mobile (any common notation) or its email. */
  contact: z.string().trim().min(1).max(254),
};

export const bindCodeRequestSchema = z.object(bindCredentials);

export const bindCodeResponseSchema = z.object({
  channel: z.enum(loginCodeChannels),
  /** The masked number or address the code went to. */
  destination: z.string(),
  expiresInSeconds: z.number().int(),
  resendAfterSeconds: z.number().int(),
});
export type BindCodeResponse = z.infer<typeof bindCodeResponseSchema>;

export const bindRequestSchema = z.object({
  ...bindCredentials,
  code: otpCode,
  /** The scan ticket whose website login the binding completes; the bind ticket may carry it too. */
  scanTicketId: scanTicketIdSchema.optional(),
});

export const bindResponseSchema = z.object({
  session: sessionViewSchema,
  account: selfViewSchema,
  /** Set when the binding completed a website scan login: its ticket as it is now. */
  scanTicket: scanTicketViewSchema.optional(),
});
export type BindResponse = z.infer<typeof bindResponseSchema>;

/** The binding of the logged-in account, for 个人信息 and the account centre. */
export const bindingViewSchema = z.discriminatedUnion('bound', [
  z.object({ bound: z.literal(false) }),
  z.object({ bound: z.literal(true), boundAt: isoDateTime, account: boundAccountSchema }),
]);
export type BindingView = z.infer<typeof bindingViewSchema>;
