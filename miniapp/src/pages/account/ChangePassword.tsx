import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { AuthApi } from '@/api/auth';
import { FormField } from '@/components/FormField';
import { newPasswordProblems } from '@/components/new-password';
import { useI18n } from '@/i18n/i18n';
import { Button, Input } from '@/ui/nutui';
import { formErrorsOf, noErrors } from '../certification/form-errors';
import type { FormErrors } from '../certification/form-errors';

type Field = 'oldPassword' | 'newPassword' | 'confirmPassword';

const empty: Record<Field, string> = { oldPassword: '', newPassword: '', confirmPassword: '' };

/** 修改密码: the current password and a new one; other sessions of the account end. */
export function ChangePassword({
  api,
  onError,
}: {
  api: AuthApi;
  onError: (error: unknown) => void;
}) {
  const i18n = useI18n();
  const { t, label } = i18n;
  const [form, setForm] = useState(empty);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [changed, setChanged] = useState(false);
  const [busy, setBusy] = useState(false);

  const change = (field: Field, value: string) => {
    setForm((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, fields: { ...current.fields, [field]: '' } }));
    setChanged(false);
  };

  const submit = async () => {
    const problems = newPasswordProblems(
      i18n,
      'newPassword',
      form.newPassword,
      form.confirmPassword,
    );
    if (form.oldPassword === '')
      problems.oldPassword = t('common.requiredField', { field: label('oldPassword') });
    if (Object.keys(problems).length > 0) return setErrors({ fields: problems });
    setBusy(true);
    try {
      await api.changePassword(form.oldPassword, form.newPassword);
      setForm(empty);
      setErrors(noErrors);
      setChanged(true);
    } catch (error) {
      setErrors(
        formErrorsOf(error, {
          'password.incorrect': 'oldPassword',
          'password.weak': 'newPassword',
        }),
      );
      onError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="panel change-password" data-section="password">
      <Text className="panel__subtitle">{t('centre.changePassword')}</Text>
      {errors.form && <Text className="notice notice--error">{errors.form}</Text>}
      {changed && <Text className="notice notice--success">{t('centre.passwordChanged')}</Text>}
      {(Object.keys(empty) as Field[]).map((field) => (
        <FormField
          key={field}
          name={field}
          label={label(field)}
          required
          error={errors.fields[field]}
        >
          <Input
            name={field}
            type="password"
            value={form[field]}
            placeholder={
              field === 'oldPassword'
                ? t('common.inputPlaceholder')
                : t('account.passwordPlaceholder')
            }
            onChange={(value) => change(field, value)}
          />
        </FormField>
      ))}
      <View className="panel__actions">
        <Button type="primary" loading={busy} disabled={busy} onClick={() => void submit()}>
          {t('centre.changePassword')}
        </Button>
      </View>
    </View>
  );
}
