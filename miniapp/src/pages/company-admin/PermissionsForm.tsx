import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { BusinessCategoryCode, CompanyAccountView } from '@ucz/shared';
import type { CompanyApi } from '@/api/company';
import { useI18n } from '@/i18n/i18n';
import { Button } from '@/ui/nutui';
import { formErrorsOf } from '../certification/form-errors';
import { CategoryChoice } from './CategoryChoice';

/** 权限管理: which business categories an account may handle. */
export function PermissionsForm({
  api,
  account,
  onSaved,
  onCancel,
  onError,
}: {
  api: CompanyApi;
  account: CompanyAccountView;
  onSaved: (account: CompanyAccountView) => void;
  onCancel: () => void;
  onError: (error: unknown) => void;
}) {
  const { t } = useI18n();
  const [selected, setSelected] = useState<BusinessCategoryCode[]>(account.permissions);
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);

  const save = async () => {
    setBusy(true);
    try {
      onSaved((await api.setPermissions(account.id, selected)).account);
    } catch (error) {
      const formErrors = formErrorsOf(error);
      setFailure(formErrors.form ?? Object.values(formErrors.fields)[0]);
      onError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="panel permissions-form">
      <Text className="panel__subtitle">
        {t('admin.permissionsTitle', { username: account.username })}
      </Text>
      <Text className="hint">{t('admin.permissionsHint')}</Text>
      {failure && <Text className="notice notice--error">{failure}</Text>}
      <CategoryChoice selected={selected} onChange={setSelected} />
      <View className="panel__actions">
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
        <Button type="primary" loading={busy} disabled={busy} onClick={() => void save()}>
          {t('common.save')}
        </Button>
      </View>
    </View>
  );
}
