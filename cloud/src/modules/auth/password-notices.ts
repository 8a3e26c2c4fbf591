import type { Locale } from '@ucz/shared';
import type { Logger } from '../../logger';
import type { AccountDoc } from '../accounts/account.model';
import type { NotificationOutbox } from '../notifications/notification.types';
import { formatNoticeTime } from '../wechat/security-notices';

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
   * an SMS when the account has a mobile. The notice names the account and the time,
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
  timeZone: string;
  logger: Logger;
}): PasswordNotices {
  const log = deps.logger.child({ component: 'password-notices' });

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
      if (account.mobile) {
        await deps.outbox.enqueue({
          ...message,
          dedupeKey: `${eventKey}:sms`,
          channel: 'sms',
          to: account.mobile,
        });
      }
      log.info(
        { accountId, event, eventKey, wechat: wechatSent, sms: Boolean(account.mobile) },
        'password notice sent or enqueued',
      );
    },
  };
}
