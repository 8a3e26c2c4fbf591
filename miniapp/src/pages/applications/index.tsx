import { Text, View } from '@tarojs/components';
import { useMemo } from 'react';
import { createAccountCentreApi } from '@/api/account-centre';
import { PageShell } from '@/components/PageShell';
import { useI18n } from '@/i18n/i18n';
import { OwnApplications } from './OwnApplications';
import '@/components/panel.css';

/** 我的申请: the status of the logged-in account's applications. */
export function ApplicationsPage() {
  const { t } = useI18n();
  const api = useMemo(() => createAccountCentreApi(t('common.networkError')), [t]);
  return (
    <View className="panel panel--narrow">
      <Text className="panel__title">{t('centre.applications')}</Text>
      <OwnApplications api={api} />
    </View>
  );
}

export default function ApplicationsRoute() {
  return (
    <PageShell>
      <ApplicationsPage />
    </PageShell>
  );
}
