import { Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import type { SelfView } from '@ucz/shared';
import { createAccountCentreApi } from '@/api/account-centre';
import type { AccountCentreApi } from '@/api/account-centre';
import { createAuthApi } from '@/api/auth';
import type { AuthApi } from '@/api/auth';
import { Facts } from '@/components/Facts';
import { SessionEnded } from '@/components/SessionEnded';
import { useI18n } from '@/i18n/i18n';
import { openPage } from '@/platform/navigation';
import { rememberAccountName } from '@/ui/account-name';
import { categoryLabels } from '@/ui/categories';
import { Button, Tag } from '@/ui/nutui';
import { OwnApplications } from '../applications/OwnApplications';
import { NotificationList } from '../notifications/NotificationList';
import { ChangePassword } from './ChangePassword';
import { useAccount } from './use-account';
import { WechatBindingSection } from './WechatBindingSection';
import '@/components/panel.css';

function Profile({ account }: { account: SelfView }) {
  const { t, label, locale } = useI18n();
  const company = account.company.shortName
    ? `${account.company.fullName} (${account.company.shortName})`
    : account.company.fullName;
  return (
    <View className="panel" data-section="profile">
      <View className="panel__header">
        <Text className="panel__subtitle">{t('centre.profile')}</Text>
        <Tag type={account.role === 'admin' ? 'primary' : 'default'}>
          {t(`role.${account.role}`)}
        </Tag>
      </View>
      <Facts
        facts={[
          { name: 'username', label: label('username'), value: account.username },
          { name: 'name', label: label('name'), value: account.name },
          { name: 'company', label: t('centre.company'), value: company },
          { name: 'department', label: label('department'), value: account.department },
          { name: 'title', label: label('title'), value: account.title },
          { name: 'phone', label: label('phone'), value: account.phone },
          { name: 'mobile', label: label('mobile'), value: account.mobile },
          { name: 'email', label: label('email'), value: account.email },
          {
            name: 'permissions',
            label: label('permissions'),
            value: categoryLabels(account.permissions, locale) || t('common.none'),
          },
          {
            name: 'customerManager',
            label: label('customerManager'),
            value: account.company.customerManagerName,
          },
        ]}
      />
    </View>
  );
}

/** 我的申请 and 消息通知, each with the way to its own page. */
function AccountLists({ api }: { api: AccountCentreApi }) {
  const { t } = useI18n();
  const header = (title: string, page: 'applications' | 'notifications') => (
    <View className="panel__header">
      <Text className="panel__subtitle">{title}</Text>
      <Text className="link" onClick={() => openPage(page)}>
        {t('centre.viewAll')}
      </Text>
    </View>
  );
  return (
    <>
      <View className="panel" data-section="applications">
        {header(t('centre.applications'), 'applications')}
        <OwnApplications api={api} />
      </View>
      <View className="panel" data-section="notifications">
        {header(t('centre.notifications'), 'notifications')}
        <NotificationList api={api} />
      </View>
    </>
  );
}

function SessionActions({
  api,
  onError,
  isAdmin,
}: {
  api: AuthApi;
  onError: (error: unknown) => void;
  isAdmin: boolean;
}) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string>();

  const logout = async (everywhere: boolean) => {
    setBusy(true);
    try {
      await api.logout(everywhere);
      rememberAccountName(undefined);
      openPage('login');
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
      onError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="panel" data-section="session">
      {failure && <Text className="notice notice--error">{failure}</Text>}
      <View className="panel__actions">
        {isAdmin && (
          <Button type="primary" onClick={() => openPage('companyAdmin')}>
            {t('centre.adminConsole')}
          </Button>
        )}
        <Button disabled={busy} onClick={() => void logout(false)}>
          {t('centre.logout')}
        </Button>
        <Button disabled={busy} onClick={() => void logout(true)}>
          {t('centre.logoutEverywhere')}
        </Button>
      </View>
    </View>
  );
}

/**
 * 账户中心 after login: the profile from GET /api/auth/me, 我的申请, 消息通知, the bound
 * WeChat, password change and logout. Company admins also get the way to 账号管理.
 */
export function AccountCentre() {
  const { t } = useI18n();
  const api = useMemo(() => createAuthApi(t('common.networkError')), [t]);
  const listsApi = useMemo(() => createAccountCentreApi(t('common.networkError')), [t]);
  const { state, reload, handleError } = useAccount(api);

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

  return (
    <View className="account-centre">
      <Text className="panel__title">{t('centre.title')}</Text>
      <Profile account={state.account} />
      <AccountLists api={listsApi} />
      <WechatBindingSection onError={handleError} />
      <ChangePassword api={api} onError={handleError} />
      <SessionActions api={api} onError={handleError} isAdmin={state.account.role === 'admin'} />
    </View>
  );
}
