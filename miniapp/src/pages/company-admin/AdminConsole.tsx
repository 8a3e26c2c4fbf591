import { Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import { createAuthApi } from '@/api/auth';
import { createCompanyApi } from '@/api/company';
import { SessionEnded } from '@/components/SessionEnded';
import { useI18n } from '@/i18n/i18n';
import { openPage } from '@/platform/navigation';
import { Button } from '@/ui/nutui';
import { useAccount } from '../account/use-account';
import { AccountsPanel } from './AccountsPanel';
import { AuditLog } from './AuditLog';
import '@/components/panel.css';
import './admin.css';

type Tab = 'accounts' | 'audit';

/**
 * 账号管理 for company admins: the accounts of their own company and its audit log.
 * The server allows these calls to admin accounts only; others see why.
 */
export function AdminConsole() {
  const { t } = useI18n();
  const failure = t('common.networkError');
  const authApi = useMemo(() => createAuthApi(failure), [failure]);
  const companyApi = useMemo(() => createCompanyApi(failure), [failure]);
  const { state, reload, handleError } = useAccount(authApi);
  const [tab, setTab] = useState<Tab>('accounts');

  if (state.status === 'loading') return <Text className="hint">{t('common.loading')}</Text>;
  if (state.status === 'ended') return <SessionEnded />;
  if (state.status === 'failed') {
    return (
      <View className="panel panel--narrow">
        <Text className="notice notice--error">{state.message}</Text>
        <Button onClick={() => reload()}>{t('common.retry')}</Button>
      </View>
    );
  }
  if (state.account.role !== 'admin') {
    return (
      <View className="panel panel--narrow">
        <Text className="notice notice--info">{t('admin.adminsOnly')}</Text>
        <Button onClick={() => openPage('account')}>{t('nav.accountCentre')}</Button>
      </View>
    );
  }

  const tabItem = (value: Tab, text: string) => (
    <Text
      className={`tabs__tab${tab === value ? ' tabs__tab--current' : ''}`}
      onClick={() => setTab(value)}
    >
      {text}
    </Text>
  );

  return (
    <View className="admin-console">
      <View className="panel__header">
        <Text className="panel__title">{t('admin.title')}</Text>
        <Text className="link" onClick={() => openPage('account')}>
          {t('nav.accountCentre')}
        </Text>
      </View>
      <Text className="hint">{state.account.company.fullName}</Text>
      <View className="tabs">
        {tabItem('accounts', t('admin.accounts'))}
        {tabItem('audit', t('admin.audit'))}
      </View>
      {tab === 'accounts' ? (
        <AccountsPanel api={companyApi} selfId={state.account.id} onError={handleError} />
      ) : (
        <AuditLog api={companyApi} onError={handleError} />
      )}
    </View>
  );
}
