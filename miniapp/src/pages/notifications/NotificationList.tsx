import { Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import type { AccountNotification, AccountNotifications } from '@ucz/shared';
import type { AccountCentreApi } from '@/api/account-centre';
import { LoadStatus } from '@/components/LoadStatus';
import { useLoaded } from '@/components/use-loaded';
import { useI18n } from '@/i18n/i18n';
import { formatDateTime } from '@/ui/format';
import { Button, Tag } from '@/ui/nutui';
import '@/components/panel.css';
import './notifications.css';

const statusTagType = { pending: 'warning', sent: 'success', failed: 'danger' } as const;

function NotificationItem({ notification }: { notification: AccountNotification }) {
  const { t, locale } = useI18n();
  const channels = notification.deliveries
    .map((delivery) => t(`notifications.channel.${delivery.channel}`))
    .join(' · ');
  return (
    <View className="notification" data-notification={notification.id}>
      <View className="notification__header">
        <Text className="notification__title">{notification.title}</Text>
        <Tag type={statusTagType[notification.status]}>
          {t(`notifications.status.${notification.status}`)}
        </Tag>
      </View>
      <Text className="notification__meta">
        {formatDateTime(notification.createdAt, locale)}
        {channels ? ` · ${channels}` : ''}
      </Text>
    </View>
  );
}

/**
 * 消息通知: what was sent to the logged-in account (review results, WeChat binding
 * notices), newest first, with 加载更多 for older pages.
 */
export function NotificationList({
  api,
  onSessionEnded,
}: {
  api: AccountCentreApi;
  /** Called instead of showing the login prompt, when the page around handles it. */
  onSessionEnded?: () => void;
}) {
  const { t } = useI18n();
  const load = useCallback(() => api.notifications(), [api]);
  const { state, setState, reload } = useLoaded<AccountNotifications>(load);
  const [loadingMore, setLoadingMore] = useState(false);
  const [moreError, setMoreError] = useState<string>();

  useEffect(() => {
    if (state.status === 'ended') onSessionEnded?.();
  }, [state.status, onSessionEnded]);

  const loadMore = async (cursor: string) => {
    setLoadingMore(true);
    setMoreError(undefined);
    try {
      const older = await api.notifications(cursor);
      setState((current) =>
        current.status === 'ready'
          ? {
              status: 'ready',
              data: {
                notifications: [...current.data.notifications, ...older.notifications],
                ...(older.nextCursor ? { nextCursor: older.nextCursor } : {}),
              },
            }
          : current,
      );
    } catch (error) {
      setMoreError(error instanceof Error ? error.message : String(error));
    } finally {
      setLoadingMore(false);
    }
  };

  if (state.status !== 'ready') {
    return <LoadStatus state={state} reload={reload} onSessionEnded={onSessionEnded} />;
  }

  const { notifications, nextCursor } = state.data;
  if (notifications.length === 0)
    return (
      <Text className="hint" data-state="empty">
        {t('notifications.empty')}
      </Text>
    );

  return (
    <View data-state="ready">
      {notifications.map((notification) => (
        <NotificationItem key={notification.id} notification={notification} />
      ))}
      {moreError && <Text className="notice notice--error">{moreError}</Text>}
      {nextCursor && (
        <View className="panel__actions">
          <Button disabled={loadingMore} onClick={() => void loadMore(nextCursor)}>
            {t('common.loadMore')}
          </Button>
        </View>
      )}
    </View>
  );
}
