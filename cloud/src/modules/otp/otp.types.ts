import type { Locale } from '@ucz/shared';

/** Purposes of one-time codes. A code works only for its own purpose and destination. */
export const otpPurposes = [
  'certification_email',
  'progress_query',
  'login',
  'bind',
  'password_reset',
] as const;
export type OtpPurpose = (typeof otpPurposes)[number];

export type OtpChannel = 'email' | 'sms';

export interface OtpSendRequest {
  purpose: OtpPurpose;
  channel: OtpChannel;
  /** Normalised address or E.164 number. */
  destination: string;
  /** Extra addresses that receive a copy of the email, such as the customer manager. */
  copyTo?: string[];
  locale: Locale;
  clientIp: string;
}

export interface OtpSendResult {
  /** Seconds until the same destination may receive another code for the same purpose. */
  resendAfterSeconds: number;
  expiresInSeconds: number;
}

export interface OtpService {
  /**
   * Checks the resend interval and daily cap of the purpose and destination and the
   * daily cap of the client address, then stores the hashed code and sends it.
   */
  send(request: OtpSendRequest): Promise<OtpSendResult>;
  /**
   * Applies the same resend interval and daily caps as send() without storing or sending
   * a code. Endpoints call it for destinations that have no account, so their responses
   * (including 429s) match those for real destinations and reveal nothing.
   */
  countWithoutSending(request: OtpSendRequest): Promise<OtpSendResult>;
  /** Consumes the newest code of the purpose and destination, or throws an otp.* AppError. */
  verify(request: { purpose: OtpPurpose; destination: string; code: string }): Promise<void>;
}
