import { Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import type { AgreementResponse, ProgressResponse } from '@ucz/shared';
import { createCertificationApi } from '@/api/certification';
import { AgreementPanel } from '@/components/AgreementPanel';
import { CodeButton } from '@/components/CodeButton';
import { FormField } from '@/components/FormField';
import { useI18n } from '@/i18n/i18n';
import { openPage } from '@/platform/navigation';
import { storageKeys, writeStored } from '@/platform/storage';
import { Button, Input } from '@/ui/nutui';
import { formErrorsOf, noErrors } from '../certification/form-errors';
import type { FormErrors } from '../certification/form-errors';
import { ApplicationCard } from './ApplicationCard';
import './progress.css';

type Mode = 'password' | 'email';

const codeErrorField: Record<string, string> = {
  'otp.invalid': 'code',
  'otp.expired': 'code',
  'otp.attempts_exceeded': 'code',
  'otp.resend_too_soon': 'code',
  'otp.daily_limit': 'code',
};

/** 用户认证查询: find applications by account and password, or by email and code. */
export function ProgressQuery() {
  const { t, label } = useI18n();
  const api = useMemo(() => createCertificationApi(t('common.networkError')), [t]);
  const [mode, setMode] = useState<Mode>('password');
  const [form, setForm] = useState({ username: '', password: '', email: '', code: '' });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [result, setResult] = useState<ProgressResponse>();
  const [reopening, setReopening] = useState<{ number: string; agreement: AgreementResponse }>();
  const [busy, setBusy] = useState(false);

  const change = (field: keyof typeof form, value: string) => {
    setForm((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, fields: { ...current.fields, [field]: '' } }));
  };

  const query = async () => {
    const needed =
      mode === 'password' ? (['username', 'password'] as const) : (['email', 'code'] as const);
    const problems: Record<string, string> = {};
    for (const field of needed) {
      if (form[field].trim() === '')
        problems[field] = t('common.requiredField', { field: label(field) });
    }
    if (Object.keys(problems).length > 0) return setErrors({ fields: problems });
    setBusy(true);
    try {
      setResult(
        mode === 'password'
          ? await api.progressByPassword(form.username.trim(), form.password)
          : await api.progressByEmail(form.email.trim(), form.code.trim()),
      );
      setErrors(noErrors);
    } catch (error) {
      setErrors(formErrorsOf(error, codeErrorField));
    } finally {
      setBusy(false);
    }
  };

  const sendCode = async () => {
    if (form.email.trim() === '') {
      setErrors({ fields: { email: t('account.emailFirst') } });
      return undefined;
    }
    try {
      return (await api.sendProgressCode(form.email.trim())).resendAfterSeconds;
    } catch (error) {
      setErrors(formErrorsOf(error, codeErrorField));
      return undefined;
    }
  };

  const startReopen = async (number: string) => {
    try {
      setReopening({ number, agreement: await api.agreement() });
    } catch (error) {
      setErrors(formErrorsOf(error));
    }
  };

  /** Accepting the agreement again opens a draft prefilled from the rejected application. */
  const reopen = async () => {
    if (!reopening || !result) return;
    setBusy(true);
    try {
      const created = await api.reopen(
        result.applicationToken,
        reopening.number,
        reopening.agreement.version,
      );
      writeStored(storageKeys.draftToken, created.draftToken);
      openPage('certification');
    } catch (error) {
      setErrors(formErrorsOf(error));
      setReopening(undefined);
    } finally {
      setBusy(false);
    }
  };

  if (reopening) {
    return (
      <View className="progress-query">
        <Text className="wizard-step__hint">{t('progress.reopenAgreement')}</Text>
        <AgreementPanel
          title={reopening.agreement.agreement.title}
          text={reopening.agreement.agreement.text}
          busy={busy}
          onAccept={() => void reopen()}
        />
      </View>
    );
  }

  const modeTab = (value: Mode, text: string) => (
    <Text
      className={`progress-query__tab${mode === value ? ' progress-query__tab--current' : ''}`}
      onClick={() => {
        setMode(value);
        setErrors(noErrors);
      }}
    >
      {text}
    </Text>
  );

  return (
    <View className="progress-query">
      <Text className="progress-query__title">{t('progress.title')}</Text>
      <View className="progress-query__tabs">
        {modeTab('password', t('progress.byPassword'))}
        {modeTab('email', t('progress.byEmail'))}
      </View>
      {errors.form && <Text className="wizard-step__error">{errors.form}</Text>}
      {mode === 'password' ? (
        <View>
          <FormField
            name="username"
            label={label('username')}
            required
            error={errors.fields.username}
          >
            <Input
              name="username"
              value={form.username}
              placeholder={t('common.inputPlaceholder')}
              onChange={(value) => change('username', value)}
            />
          </FormField>
          <FormField
            name="password"
            label={label('password')}
            required
            error={errors.fields.password}
          >
            <Input
              name="password"
              type="password"
              value={form.password}
              placeholder={t('common.inputPlaceholder')}
              onChange={(value) => change('password', value)}
            />
          </FormField>
        </View>
      ) : (
        <View>
          <FormField name="email" label={label('email')} required error={errors.fields.email}>
            <Input
              name="email"
              value={form.email}
              placeholder={t('common.inputPlaceholder')}
              onChange={(value) => change('email', value)}
            />
          </FormField>
          <FormField name="code" label={label('code')} required error={errors.fields.code}>
            <View className="code-input">
              <Input
                name="code"
                value={form.code}
                placeholder={t('common.inputPlaceholder')}
                onChange={(value) => change('code', value)}
              />
              <CodeButton onSend={sendCode} />
            </View>
          </FormField>
        </View>
      )}
      <View className="wizard-step__actions">
        <Button type="primary" loading={busy} disabled={busy} onClick={() => void query()}>
          {t('progress.query')}
        </Button>
      </View>

      {result && result.applications.length === 0 && (
        <Text className="wizard-step__hint">{t('progress.none')}</Text>
      )}
      {result?.applications.map((application) => (
        <ApplicationCard
          key={application.number}
          application={application}
          onReopen={() => void startReopen(application.number)}
        />
      ))}
    </View>
  );
}
