import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { StaffLoginResponse } from '@ucz/shared';
import type { ReviewApi } from '@/api/review';
import { FormField } from '@/components/FormField';
import { useI18n } from '@/i18n/i18n';
import { Button, Input } from '@/ui/nutui';
import { formErrorsOf, noErrors } from '../certification/form-errors';
import type { FormErrors } from '../certification/form-errors';

type Field = 'username' | 'password';

/** 员工登录 of the reviewer console: staff account and password, kept in staff cookies. */
export function StaffLogin({
  api,
  onLoggedIn,
}: {
  api: ReviewApi;
  onLoggedIn: (result: StaffLoginResponse) => void;
}) {
  const { t, label } = useI18n();
  const [form, setForm] = useState<Record<Field, string>>({ username: '', password: '' });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const labels: Record<Field, string> = {
    username: t('review.staffUsername'),
    password: label('password'),
  };

  const change = (field: Field, value: string) => {
    setForm((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, fields: { ...current.fields, [field]: '' } }));
  };

  const login = async () => {
    const problems: Record<string, string> = {};
    for (const field of ['username', 'password'] as const) {
      if (form[field].trim() === '')
        problems[field] = t('common.requiredField', { field: labels[field] });
    }
    if (Object.keys(problems).length > 0) return setErrors({ fields: problems });
    setBusy(true);
    try {
      onLoggedIn(await api.login(form.username.trim(), form.password));
    } catch (error) {
      setErrors(formErrorsOf(error));
      setBusy(false);
    }
  };

  return (
    <View className="panel panel--narrow staff-login">
      <Text className="panel__title">{t('review.staffLogin')}</Text>
      {errors.form && <Text className="notice notice--error">{errors.form}</Text>}
      {(['username', 'password'] as const).map((field) => (
        <FormField
          key={field}
          name={field}
          label={labels[field]}
          required
          error={errors.fields[field]}
        >
          <Input
            name={field}
            type={field === 'password' ? 'password' : 'text'}
            value={form[field]}
            placeholder={t('common.inputPlaceholder')}
            onChange={(value) => change(field, value)}
          />
        </FormField>
      ))}
      <View className="panel__actions">
        <Button type="primary" block loading={busy} disabled={busy} onClick={() => void login()}>
          {t('login.submit')}
        </Button>
      </View>
    </View>
  );
}
