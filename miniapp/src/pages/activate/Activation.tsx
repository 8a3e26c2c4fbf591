import { Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import { createAuthApi } from '@/api/auth';
import { FormField } from '@/components/FormField';
import { newPasswordProblems } from '@/components/new-password';
import { useI18n } from '@/i18n/i18n';
import { openPage } from '@/platform/navigation';
import { Button, Input } from '@/ui/nutui';
import { formErrorsOf, noErrors } from '../certification/form-errors';
import type { FormErrors } from '../certification/form-errors';
import '@/components/panel.css';

type Field = 'password' | 'confirmPassword';

/**
 * 设置密码 from the emailed link (`/activate?token=`): the first password of an account an
 * admin added, or a new one after an admin reset it. The link works once.
 */
export function Activation({ token }: { token?: string }) {
  const i18n = useI18n();
  const { t, label } = i18n;
  const api = useMemo(() => createAuthApi(t('common.networkError')), [t]);
  const [form, setForm] = useState<Record<Field, string>>({ password: '', confirmPassword: '' });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const change = (field: Field, value: string) => {
    setForm((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, fields: { ...current.fields, [field]: '' } }));
  };

  const submit = async () => {
    if (!token) return;
    const problems = newPasswordProblems(i18n, 'password', form.password, form.confirmPassword);
    if (Object.keys(problems).length > 0) return setErrors({ fields: problems });
    setBusy(true);
    try {
      await api.activate({ token, password: form.password });
      setDone(true);
    } catch (error) {
      setErrors(formErrorsOf(error, { 'password.weak': 'password' }));
    } finally {
      setBusy(false);
    }
  };

  if (!token) {
    return (
      <View className="panel panel--narrow">
        <Text className="panel__title">{t('activate.title')}</Text>
        <Text className="notice notice--error">{t('activate.missingToken')}</Text>
        <Text className="link" onClick={() => openPage('forgotPassword')}>
          {t('login.forgotPassword')}
        </Text>
      </View>
    );
  }

  if (done) {
    return (
      <View className="panel panel--narrow">
        <Text className="panel__title">{t('activate.title')}</Text>
        <Text className="notice notice--success">{t('activate.done')}</Text>
        <Button type="primary" onClick={() => openPage('login')}>
          {t('nav.login')}
        </Button>
      </View>
    );
  }

  return (
    <View className="panel panel--narrow activation">
      <Text className="panel__title">{t('activate.title')}</Text>
      <Text className="hint">{t('activate.intro')}</Text>
      {errors.form && <Text className="notice notice--error">{errors.form}</Text>}
      {(['password', 'confirmPassword'] as const).map((field) => (
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
            placeholder={t('account.passwordPlaceholder')}
            onChange={(value) => change(field, value)}
          />
        </FormField>
      ))}
      <View className="panel__actions">
        <Button type="primary" loading={busy} disabled={busy} onClick={() => void submit()}>
          {t('activate.submit')}
        </Button>
      </View>
    </View>
  );
}
