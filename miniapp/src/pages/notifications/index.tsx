import { Text, View } from '@tarojs/components';
import { useMemo } from 'react';
import { createAccountCentreApi } from '@/api/account-centre';
import { PageShell } from '@/components/PageShell';
import { useI18n } from '@/i18n/i18n';
import { NotificationList } from './NotificationList';
import '@/components/panel.css';

/** 消息通知 of the logged-in account. */
export function NotificationsPage() {
  const { t } = useI18n();
  const api = useMemo(() => createAccountCentreApi(t('common.networkError')), [t]);
  return (
    <View className="panel panel--narrow">
      <Text className="panel__title">{t('centre.notifications')}</Text>
      <NotificationList api={api} />
    </View>
  );
}

export default function NotificationsRoute() {
  return (
    <PageShell>
      <NotificationsPage />
    </PageShell>
  );
}
