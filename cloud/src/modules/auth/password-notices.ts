import type { Locale } from '@ucz/shared';
import type { Logger } from '../../logger';
import type { AccountDoc } from '../accounts/account.model';
import type { AccountSendLimits, AccountSendRule } from '../accounts/account-send-limits';
import type { NotificationOutbox, NotificationRequest } from '../notifications/notification.types';
import { formatNoticeTime } from '../wechat/security-notices';

/**
 * Security notices by SMS per account and calendar day. The mobile number on an account
 * is not verified, so without this limit repeated password changes could send unlimited
 * texts to any number. Over the limit a notice still goes by email and WeChat and is
 * still listed.
 */
export const securitySmsRule: AccountSendRule = { intervalSeconds: 0, dailyLimit: 3 };

/** Password events that the account holder receives a security notice of. */
export type PasswordEvent = 'password_changed' | 'password_reset' | 'password_reset_by_admin';

/** Sends security notices as subscribe messages to the WeChat user bound to an account. */
export interface SecurityNoticeWechat {
  /**
   * Returns true when the notice went out as a subscribe message, and false when the
   * account is not bound, has no grant left or WeChat failed. Never throws.
   */
  send(input: {
    accountId: string;
    event: PasswordEvent;
    occurredAt: Date;
    username: string;
    dedupeKey: string;
  }): Promise<boolean>;
}

export interface PasswordNotices {
  /**
   * Records the notice for the account centre and sends it: a subscribe message when
   * the account is bound to WeChat and has a grant left, and in any case an email, plus
   * an SMS when the account has a mobile and is within `securitySmsRule`. The notice names the account and the time,
   * never a password, code or link. Repeating a call with the same `eventKey` sends
   * nothing twice.
   */
  send(input: {
    event: PasswordEvent;
    account: AccountDoc;
    occurredAt: Date;
    eventKey: string;
  }): Promise<void>;
}

/** Creates the sender of security notices about passwords. */
export function createPasswordNotices(deps: {
  outbox: NotificationOutbox;
  wechat?: SecurityNoticeWechat;
  sendLimits: AccountSendLimits;
  timeZone: string;
  logger: Logger;
}): PasswordNotices {
  const log = deps.logger.child({ component: 'password-notices' });

  /** Enqueues the SMS when the account's daily SMS limit allows it, and returns whether it did. */
  async function enqueueSms(
    account: AccountDoc,
    mobile: string,
    eventKey: string,
    message: Pick<NotificationRequest, 'locale' | 'template' | 'params'>,
  ): Promise<boolean> {
    const claim = await deps.sendLimits.claim('security_sms', account._id, securitySmsRule);
    if (!claim.granted) {
      log.warn(
        { accountId: account._id.toString(), eventKey, dailyLimit: securitySmsRule.dailyLimit },
        'password notice SMS skipped: daily SMS limit of the account reached',
      );
      return false;
    }
    await deps.outbox.enqueue({
      ...message,
      dedupeKey: `${eventKey}:sms`,
      channel: 'sms',
      to: mobile,
    });
    return true;
  }

  return {
    async send({ event, account, occurredAt, eventKey }) {
      const accountId = account._id.toString();
      await deps.outbox.recordEvent({ eventKey, kind: event, accountId });

      const wechatSent = deps.wechat
        ? await deps.wechat.send({
            accountId,
            event,
            occurredAt,
            username: account.username,
            dedupeKey: `${eventKey}:wechat`,
          })
        : false;

      const message = {
        locale: (account.locale ?? 'zh-CN') as Locale,
        template: event,
        params: {
          username: account.username,
          name: account.name,
          occurredAt: formatNoticeTime(occurredAt, deps.timeZone),
        },
      };
      await deps.outbox.enqueue({
        ...message,
        dedupeKey: `${eventKey}:email`,
        channel: 'email',
        to: account.email,
      });
      const smsSent = account.mobile
        ? await enqueueSms(account, account.mobile, eventKey, message)
        : false;
      log.info(
        { accountId, event, eventKey, wechat: wechatSent, sms: smsSent },
        'password notice sent or enqueued',
      );
    },
  };
}
