import { Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import type { SelfView } from '@ucz/shared';
import { createAuthApi } from '@/api/auth';
import type { AuthApi } from '@/api/auth';
import { Facts } from '@/components/Facts';
import { SessionEnded } from '@/components/SessionEnded';
import { useI18n } from '@/i18n/i18n';
import { openPage } from '@/platform/navigation';
import { rememberAccountName } from '@/ui/account-name';
import { categoryLabels } from '@/ui/categories';
import { Button, Tag } from '@/ui/nutui';
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
 * 账户中心 after login: the profile from GET /api/auth/me, password change, logout and the
 * bound WeChat. Company admins also get the way to 账号管理.
 */
// NOTE: the API has no list of the account's own applications or notifications yet, so
// this page shows only what GET /api/auth/me returns.
export function AccountCentre() {
  const { t } = useI18n();
  const api = useMemo(() => createAuthApi(t('common.networkError')), [t]);
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
      <WechatBindingSection onError={handleError} />
      <ChangePassword api={api} onError={handleError} />
      <SessionActions api={api} onError={handleError} isAdmin={state.account.role === 'admin'} />
    </View>
  );
}
