import { Text, View } from '@tarojs/components';
import type { CompanyAccountView } from '@ucz/shared';
import { KeepNumbers } from '@/components/KeepNumbers';
import { useI18n } from '@/i18n/i18n';
import { categoryLabels } from '@/ui/categories';
import { formatDateTime } from '@/ui/format';
import { Button, Tag } from '@/ui/nutui';

export type AccountAction = 'edit' | 'permissions' | 'disable' | 'enable' | 'reset' | 'resend';

/** One account in the admin console: who it is, its state, and the actions on it. */
export function AccountRow({
  account,
  isSelf,
  onAction,
}: {
  account: CompanyAccountView;
  isSelf: boolean;
  onAction: (action: AccountAction, account: CompanyAccountView) => void;
}) {
  const { t, label, locale } = useI18n();
  const action = (name: AccountAction, text: string) => (
    <Button size="small" onClick={() => onAction(name, account)}>
      {text}
    </Button>
  );
  return (
    <View className="account-row" data-account={account.username}>
      <View className="account-row__header">
        <Text className="account-row__name">{`${account.username} · ${account.name}`}</Text>
        <View className="account-row__tags">
          {isSelf && <Tag type="info">{t('admin.self')}</Tag>}
          <Tag type={account.role === 'admin' ? 'primary' : 'default'}>
            {t(`role.${account.role}`)}
          </Tag>
          <Tag type={account.status === 'active' ? 'success' : 'danger'}>
            {account.status === 'active' ? t('admin.statusActive') : t('admin.statusDisabled')}
          </Tag>
          {!account.activated && <Tag type="warning">{t('admin.notActivated')}</Tag>}
        </View>
      </View>
      <Text className="account-row__detail">
        <KeepNumbers
          text={`${account.department} · ${account.title} · ${account.email} · ${account.phone}`}
        />
      </Text>
      <Text className="account-row__detail">
        {`${label('permissions')}: ${categoryLabels(account.permissions, locale) || t('common.none')}`}
      </Text>
      <Text className="account-row__detail">
        <KeepNumbers
          text={`${t('admin.createdAt')}: ${formatDateTime(account.createdAt, locale)}${
            account.lastLoginAt
              ? ` · ${t('admin.lastLogin')}: ${formatDateTime(account.lastLoginAt, locale)}`
              : ''
          }`}
        />
      </Text>
      <View className="account-row__actions">
        {action('edit', t('admin.edit'))}
        {action('permissions', t('admin.permissions'))}
        {account.status === 'active'
          ? action('disable', t('admin.disable'))
          : action('enable', t('admin.enable'))}
        {account.activated
          ? action('reset', t('admin.resetPassword'))
          : action('resend', t('admin.resendActivation'))}
      </View>
    </View>
  );
}
