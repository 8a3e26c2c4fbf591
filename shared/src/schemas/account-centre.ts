import { z } from 'zod';
import { applicationProgressSchema } from './certification';

/**
 * Shapes of the account centre's own lists: the notifications sent to the logged-in
 * account and the certification applications it made. One-time codes and activation
 * links are never part of either list.
 */

const isoDateTime = z.iso.datetime();

/** Notifications that the account centre lists, named like the events that send them. */
export const accountNotificationKinds = [
  'application_submitted',
  'application_approved',
  'application_rejected',
  'wechat_bound',
  'wechat_unbound',
  'account_created',
  'password_changed',
  'password_reset',
  'password_reset_by_admin',
] as const;
export type AccountNotificationKind = (typeof accountNotificationKinds)[number];

export const deliveryChannels = ['email', 'sms', 'wechat'] as const;
export type DeliveryChannel = (typeof deliveryChannels)[number];

export const deliveryStatuses = ['pending', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

export const accountNotificationSchema = z.object({
  id: z.string(),
  kind: z.enum(accountNotificationKinds),
  /** Short title in the request's language, such as 认证申请已通过（UCZ20261204-000123）. */
  title: z.string(),
  createdAt: isoDateTime,
  /** sent when any channel delivered it, pending while one may still do so, failed otherwise. */
  status: z.enum(deliveryStatuses),
  /** Each channel tried, with its own status. A WeChat message never handed to WeChat is left out. */
  deliveries: z.array(
    z.object({ channel: z.enum(deliveryChannels), status: z.enum(deliveryStatuses) }),
  ),
  applicationNumber: z.string().optional(),
});
export type AccountNotification = z.infer<typeof accountNotificationSchema>;

/** Opaque position in the list: the creation time in milliseconds and the id of the last item shown. */
export const notificationCursorSchema = z.string().regex(/^\d{1,15}\.[0-9a-f]{24}$/u);

export const accountNotificationsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(20),
  /** The `nextCursor` of the previous page, or absent for the newest notifications. */
  cursor: notificationCursorSchema.optional(),
});
export type AccountNotificationsQuery = z.infer<typeof accountNotificationsQuerySchema>;

export const accountNotificationsSchema = z.object({
  notifications: z.array(accountNotificationSchema),
  /** Present when older notifications exist. */
  nextCursor: notificationCursorSchema.optional(),
});
export type AccountNotifications = z.infer<typeof accountNotificationsSchema>;

export const ownApplicationSchema = applicationProgressSchema.extend({
  /** When the application was approved or rejected, absent while it waits for review. */
  decidedAt: isoDateTime.optional(),
});
export type OwnApplication = z.infer<typeof ownApplicationSchema>;

export const ownApplicationsSchema = z.object({ applications: z.array(ownApplicationSchema) });
export type OwnApplications = z.infer<typeof ownApplicationsSchema>;
