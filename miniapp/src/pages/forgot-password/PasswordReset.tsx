import { Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import { createAuthApi } from '@/api/auth';
import { CodeButton } from '@/components/CodeButton';
import { FormField } from '@/components/FormField';
import { newPasswordProblems } from '@/components/new-password';
import { useI18n } from '@/i18n/i18n';
import { openPage } from '@/platform/navigation';
import { Button, Input } from '@/ui/nutui';
import { formErrorsOf, noErrors } from '../certification/form-errors';
import type { FormErrors } from '../certification/form-errors';
import '@/components/panel.css';

type Field = 'email' | 'code' | 'newPassword' | 'confirmPassword';

const fieldOfErrorCode: Record<string, string> = {
  'otp.invalid': 'code',
  'otp.expired': 'code',
  'otp.attempts_exceeded': 'code',
  'otp.resend_too_soon': 'code',
  'otp.daily_limit': 'code',
  'password.weak': 'newPassword',
};

/** 忘记密码: a code sent to the account's corporate email sets a new password. */
export function PasswordReset() {
  const i18n = useI18n();
  const { t, label } = i18n;
  const api = useMemo(() => createAuthApi(t('common.networkError')), [t]);
  const [form, setForm] = useState<Record<Field, string>>({
    email: '',
    code: '',
    newPassword: '',
    confirmPassword: '',
  });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [codeNotice, setCodeNotice] = useState<string>();
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const change = (field: Field, value: string) => {
    setForm((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, fields: { ...current.fields, [field]: '' } }));
  };

  const sendCode = async (): Promise<number | undefined> => {
    const email = form.email.trim();
    if (email === '') {
      setErrors({ fields: { email: t('account.emailFirst') } });
      return undefined;
    }
    try {
      const sent = await api.requestResetCode(email);
      setCodeNotice(
        t('reset.codeSent', { minutes: Math.max(1, Math.round(sent.expiresInSeconds / 60)) }),
      );
      return sent.resendAfterSeconds;
    } catch (error) {
      setErrors(formErrorsOf(error, fieldOfErrorCode));
      return undefined;
    }
  };

  const submit = async () => {
    const problems = newPasswordProblems(
      i18n,
      'newPassword',
      form.newPassword,
      form.confirmPassword,
    );
    for (const field of ['email', 'code'] as const) {
      if (form[field].trim() === '')
        problems[field] = t('common.requiredField', { field: label(field) });
    }
    if (Object.keys(problems).length > 0) return setErrors({ fields: problems });
    setBusy(true);
    try {
      await api.resetPassword(form.email.trim(), form.code.trim(), form.newPassword);
      setDone(true);
    } catch (error) {
      setErrors(formErrorsOf(error, fieldOfErrorCode));
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <View className="panel panel--narrow">
        <Text className="panel__title">{t('reset.title')}</Text>
        <Text className="notice notice--success">{t('reset.done')}</Text>
        <Button type="primary" onClick={() => openPage('login')}>
          {t('reset.toLogin')}
        </Button>
      </View>
    );
  }

  const input = (field: Field, password = false) => (
    <Input
      name={field}
      type={password ? 'password' : 'text'}
      value={form[field]}
      placeholder={password ? t('account.passwordPlaceholder') : t('common.inputPlaceholder')}
      onChange={(value) => change(field, value)}
    />
  );

  return (
    <View className="panel panel--narrow password-reset">
      <Text className="panel__title">{t('reset.title')}</Text>
      <Text className="hint">{t('reset.intro')}</Text>
      {errors.form && <Text className="notice notice--error">{errors.form}</Text>}
      <FormField name="email" label={label('email')} required error={errors.fields.email}>
        {input('email')}
      </FormField>
      <FormField name="code" label={label('code')} required error={errors.fields.code}>
        <View className="code-input">
          {input('code')}
          <CodeButton onSend={sendCode} />
        </View>
        {codeNotice && <Text className="hint">{codeNotice}</Text>}
      </FormField>
      <FormField
        name="newPassword"
        label={label('newPassword')}
        required
        error={errors.fields.newPassword}
      >
        {input('newPassword', true)}
      </FormField>
      <FormField
        name="confirmPassword"
        label={label('confirmPassword')}
        required
        error={errors.fields.confirmPassword}
      >
        {input('confirmPassword', true)}
      </FormField>
      <View className="panel__actions">
        <Button type="primary" loading={busy} disabled={busy} onClick={() => void submit()}>
          {t('reset.submit')}
        </Button>
        <Text className="link" onClick={() => openPage('login')}>
          {t('reset.toLogin')}
        </Text>
      </View>
    </View>
  );
}
