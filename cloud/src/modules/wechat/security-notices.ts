import type { Locale } from '@ucz/shared';
import type { Logger } from '../../logger';
import { zonedDateOf, zonedTimeOfDay } from '../../lib/zoned-time';
import type { AccountDoc } from '../accounts/account.model';
import type { NotificationOutbox } from '../notifications/notification.types';
import type { WechatNotifier } from './wechat-notifier';

/** Security events about WeChat that the account holder receives a notice of. */
export type WechatSecurityEvent = 'wechat_bound' | 'wechat_unbound';

export interface WechatSecurityNotices {
  /**
   * Tells the account holder about a binding change: as a subscribe message to the
   * WeChat identity when it has a grant left, otherwise by email. Returns the channel
   * used. Repeating a call with the same `dedupeKey` sends nothing twice.
   */
  send(input: {
    event: WechatSecurityEvent;
    identityId: string;
    account: AccountDoc;
    occurredAt: Date;
    dedupeKey: string;
  }): Promise<'wechat' | 'email'>;
}

/** Formats an instant as `2026-03-02 10:01 (GMT+8)` in `timeZone`, for every locale. */
export function formatNoticeTime(instant: Date, timeZone: string): string {
  const minutes = Math.floor(zonedTimeOfDay(instant, timeZone) / 60_000);
  const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  const offset =
    new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'shortOffset' })
      .formatToParts(instant)
      .find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
  return `${zonedDateOf(instant, timeZone)} ${time} (${offset})`;
}

/** Creates the sender of WeChat security notices: subscribe message first, email as the fallback. */
export function createWechatSecurityNotices(deps: {
  notifier: WechatNotifier;
  outbox: NotificationOutbox;
  profilePage: string;
  timeZone: string;
  logger: Logger;
}): WechatSecurityNotices {
  const log = deps.logger.child({ component: 'wechat-security-notices' });

  return {
    async send(input) {
      const context = {
        event: input.event,
        identityId: input.identityId,
        accountId: input.account._id.toString(),
      };
      await deps.outbox.recordEvent({
        eventKey: input.dedupeKey,
        kind: input.event,
        accountId: input.account._id.toString(),
      });
      let reason: string;
      try {
        const outcome = await deps.notifier.sendSecurityNotice({
          identityId: input.identityId,
          dedupeKey: `${input.dedupeKey}:wechat`,
          event: input.event,
          occurredAt: input.occurredAt,
          account: input.account.username,
          page: deps.profilePage,
        });
        if (outcome.status === 'sent') {
          log.info(context, 'security notice sent as a subscribe message');
          return 'wechat';
        }
        reason = outcome.reason;
      } catch (error) {
        // The binding change is done; its notice must still go out, by email.
        log.error({ ...context, err: error }, 'security notice not sent through WeChat');
        reason = 'error';
      }

      await deps.outbox.enqueue({
        dedupeKey: `${input.dedupeKey}:email`,
        channel: 'email',
        to: input.account.email,
        locale: (input.account.locale ?? 'zh-CN') as Locale,
        template: input.event,
        params: {
          username: input.account.username,
          name: input.account.name,
          occurredAt: formatNoticeTime(input.occurredAt, deps.timeZone),
        },
      });
      log.info({ ...context, reason }, 'security notice falls back to email');
      return 'email';
    },
  };
}
