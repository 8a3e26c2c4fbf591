import type { AccountNotificationKind, DeliveryStatus, Locale } from '@ucz/shared';

export const notificationTemplates = [
  'application_submitted',
  'application_approved',
  'application_rejected',
  'wechat_bound',
  'wechat_unbound',
  'password_changed',
  'password_reset',
  'password_reset_by_admin',
] as const;
export type NotificationTemplate = (typeof notificationTemplates)[number];

export type NotificationChannel = 'email' | 'sms';

export interface NotificationRequest {
  /** Unique per message; enqueueing the same key twice stores one message. */
  dedupeKey: string;
  channel: NotificationChannel;
  /** Email address or E.164 number. */
  to: string;
  locale: Locale;
  template: NotificationTemplate;
  params: Record<string, string>;
}

/**
 * A notification that the account centre lists. The messages that carry it use
 * `eventKey` plus `:email`, `:sms` or `:wechat` as their dedupe keys.
 */
export interface NotificationEvent {
  eventKey: string;
  kind: AccountNotificationKind;
  accountId?: string;
  applicationId?: string;
  applicationNumber?: string;
  /** Messages that carried the notification outside the outbox, such as the activation mail. */
  directDeliveries?: { channel: NotificationChannel; status: DeliveryStatus }[];
}

/** Durable queue of outgoing messages, delivered with retries by the outbox worker. */
export interface NotificationOutbox {
  enqueue(request: NotificationRequest): Promise<void>;
  /**
   * Records a notification for the account centre before its messages are sent or
   * enqueued. Recording the same `eventKey` again stores nothing.
   */
  recordEvent(event: NotificationEvent): Promise<void>;
}

/** An email as the mailer sends it. */
export interface MailMessage {
  to: string | string[];
  subject: string;
  text: string;
  html?: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

export interface SmsMessage {
  /** E.164 number. */
  to: string;
  text: string;
}

/** An SMS provider: the simulator's sink or a real provider client. */
export interface SmsSender {
  send(message: SmsMessage): Promise<void>;
}
