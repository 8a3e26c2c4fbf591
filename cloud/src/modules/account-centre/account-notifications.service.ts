import { uiMessage } from '@ucz/shared';
import type {
  AccountNotification,
  AccountNotificationKind,
  AccountNotifications,
  AccountNotificationsQuery,
  DeliveryChannel,
  DeliveryStatus,
  Locale,
  UiMessageKey,
} from '@ucz/shared';
import { Types } from 'mongoose';
import type { Connection } from 'mongoose';
import { notificationEventModel } from '../notifications/notification-event.model';
import type { NotificationEventDoc } from '../notifications/notification-event.model';
import { outboxMessageModel } from '../notifications/outbox.model';
import { subscribeSendModel } from '../wechat/subscription.model';
import type { OwnApplicationsService } from './own-applications.service';

type Delivery = AccountNotification['deliveries'][number];

/** Order of the deliveries of one notification: WeChat is tried first, email and SMS replace it. */
const channelOrder: readonly DeliveryChannel[] = ['wechat', 'email', 'sms'];

const titleKeys: Record<AccountNotificationKind, UiMessageKey> = {
  application_submitted: 'notifications.kind.applicationSubmitted',
  application_approved: 'notifications.kind.applicationApproved',
  application_rejected: 'notifications.kind.applicationRejected',
  wechat_bound: 'notifications.kind.wechatBound',
  wechat_unbound: 'notifications.kind.wechatUnbound',
  account_created: 'notifications.kind.accountCreated',
  password_changed: 'notifications.kind.passwordChanged',
  password_reset: 'notifications.kind.passwordReset',
  password_reset_by_admin: 'notifications.kind.passwordResetByAdmin',
};

/**
 * Status of a subscribe message in the list. A message that was never handed to WeChat
 * (no grant left) is left out, because the email that replaced it is listed instead.
 */
function wechatStatus(send: {
  status: string;
  reason?: string | null;
}): DeliveryStatus | undefined {
  if (send.status === 'sent') return 'sent';
  if (send.status === 'sending') return 'pending';
  return send.reason === 'refused' || send.reason === 'failed' ? 'failed' : undefined;
}

/** sent when any channel delivered the notification, pending while one may still do so, failed otherwise. */
export function overallStatus(deliveries: Delivery[]): DeliveryStatus {
  if (deliveries.some((delivery) => delivery.status === 'sent')) return 'sent';
  if (deliveries.length === 0 || deliveries.some((delivery) => delivery.status === 'pending'))
    return 'pending';
  return 'failed';
}

function cursorOf(event: NotificationEventDoc): string {
  return `${event.createdAt.getTime()}.${event._id.toString()}`;
}

/** Returns the filter of the events after a cursor in newest-first order. */
function afterCursor(cursor: string): Record<string, unknown> {
  const [millis = '', id = ''] = cursor.split('.');
  const createdAt = new Date(Number(millis));
  const _id = new Types.ObjectId(id);
  return { $or: [{ createdAt: { $lt: createdAt } }, { createdAt, _id: { $lt: _id } }] };
}

export interface AccountNotificationsService {
  /** Lists the notifications sent to an account and about its applications, newest first. */
  list(
    accountId: string,
    query: AccountNotificationsQuery,
    locale: Locale,
  ): Promise<AccountNotifications>;
}

/**
 * Creates the service behind 消息通知. It lists recorded notification events, never the
 * messages themselves, so one-time codes (sent without an event) and activation links
 * (whose mail an event records only as a delivery status) cannot appear, and it shows
 * each channel's delivery status.
 */
export function createAccountNotificationsService(deps: {
  db: Connection;
  applications: OwnApplicationsService;
}): AccountNotificationsService {
  const Events = notificationEventModel(deps.db);
  const Messages = outboxMessageModel(deps.db);
  const Sends = subscribeSendModel(deps.db);

  async function deliveriesOf(events: NotificationEventDoc[]): Promise<Map<string, Delivery[]>> {
    const keys = events.map((event) => event.eventKey);
    const [messages, sends] = await Promise.all([
      Messages.find(
        { dedupeKey: { $in: keys.flatMap((key) => [`${key}:email`, `${key}:sms`]) } },
        { dedupeKey: 1, channel: 1, status: 1 },
      ).lean(),
      Sends.find(
        { dedupeKey: { $in: keys.map((key) => `${key}:wechat`) } },
        { dedupeKey: 1, status: 1, reason: 1 },
      ).lean(),
    ]);

    const byEvent = new Map<string, Delivery[]>(
      events.map((event) => [
        event.eventKey,
        (event.directDeliveries ?? []).map(({ channel, status }) => ({
          channel: channel as DeliveryChannel,
          status: status as DeliveryStatus,
        })),
      ]),
    );
    const add = (dedupeKey: string, channel: DeliveryChannel, status: DeliveryStatus) => {
      const eventKey = dedupeKey.slice(0, dedupeKey.lastIndexOf(':'));
      byEvent.get(eventKey)?.push({ channel, status });
    };
    for (const send of sends) {
      const status = wechatStatus(send);
      if (status) add(send.dedupeKey, 'wechat', status);
    }
    for (const message of messages) {
      add(message.dedupeKey, message.channel as DeliveryChannel, message.status as DeliveryStatus);
    }
    for (const list of byEvent.values()) {
      list.sort((a, b) => channelOrder.indexOf(a.channel) - channelOrder.indexOf(b.channel));
    }
    return byEvent;
  }

  return {
    async list(accountId, query, locale) {
      const applicationIds = await deps.applications.ids(accountId);
      const owned = [
        { accountId: new Types.ObjectId(accountId) },
        ...(applicationIds.length > 0 ? [{ applicationId: { $in: applicationIds } }] : []),
      ];
      const conditions = [{ $or: owned }, ...(query.cursor ? [afterCursor(query.cursor)] : [])];
      const events = await Events.find({ $and: conditions })
        .sort({ createdAt: -1, _id: -1 })
        .limit(query.limit + 1)
        .lean<NotificationEventDoc[]>();
      const page = events.slice(0, query.limit);
      const deliveries = await deliveriesOf(page);

      const notifications = page.map((event): AccountNotification => {
        const kind = event.kind as AccountNotificationKind;
        const eventDeliveries = deliveries.get(event.eventKey) ?? [];
        return {
          id: event._id.toString(),
          kind,
          title: uiMessage(locale, titleKeys[kind], { number: event.applicationNumber ?? '' }),
          createdAt: event.createdAt.toISOString(),
          status: overallStatus(eventDeliveries),
          deliveries: eventDeliveries,
          ...(event.applicationNumber ? { applicationNumber: event.applicationNumber } : {}),
        };
      });
      const last = page.at(-1);
      return {
        notifications,
        ...(events.length > query.limit && last ? { nextCursor: cursorOf(last) } : {}),
      };
    },
  };
}
