import { Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import type { LoginCodeResponse } from '@ucz/shared';
import { createAuthApi } from '@/api/auth';
import { ApiError } from '@/api/http';
import { CodeButton } from '@/components/CodeButton';
import { FormField } from '@/components/FormField';
import { KeepNumbers } from '@/components/KeepNumbers';
import { useI18n } from '@/i18n/i18n';
import { openPage } from '@/platform/navigation';
import { rememberAccountName } from '@/ui/account-name';
import { joinSentences } from '@/ui/format';
import { Button, Checkbox, Input } from '@/ui/nutui';
import { formErrorsOf, noErrors } from '../certification/form-errors';
import type { FormErrors } from '../certification/form-errors';
import '@/components/panel.css';

type TextField = 'username' | 'password' | 'code';

/** Errors without a field name that belong next to 验证码. */
const codeErrors: Record<string, string> = {
  'otp.invalid': 'code',
  'otp.expired': 'code',
  'otp.attempts_exceeded': 'code',
  'otp.resend_too_soon': 'code',
  'otp.daily_limit': 'code',
  'otp.delivery_failed': 'code',
  'auth.challenge_invalid': 'code',
};

/** Returns the seconds to wait before the next code, from an otp.resend_too_soon error. */
function retryAfterOf(error: unknown): number | undefined {
  if (!(error instanceof ApiError) || error.code !== 'otp.resend_too_soon') return undefined;
  const seconds = error.details.retryAfterSeconds;
  return typeof seconds === 'number' && seconds > 0 ? seconds : undefined;
}

/**
 * 账号登录: 账号 and 密码, then 获取短信验证码 (or the email code with 使用邮箱验证码, with
 * a copy to the customer manager with 抄送给客户经理), then 验证码 and 登录. Both the
 * password and the code are required. A successful login opens the account centre.
 */
export function AccountLogin() {
  const { t, label, locale } = useI18n();
  const api = useMemo(() => createAuthApi(t('common.networkError')), [t]);
  const [form, setForm] = useState<Record<TextField, string>>({
    username: '',
    password: '',
    code: '',
  });
  const [useEmail, setUseEmail] = useState(false);
  const [copyToManager, setCopyToManager] = useState(false);
  const [challenge, setChallenge] = useState<LoginCodeResponse>();
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [credentialsRefused, setCredentialsRefused] = useState(false);
  const [busy, setBusy] = useState(false);

  const change = (field: TextField, value: string) => {
    setForm((current) => ({ ...current, [field]: value }));
    // A code sent for another account name would only be refused.
    if (field === 'username') setChallenge(undefined);
    setErrors((current) => ({ ...current, fields: { ...current.fields, [field]: '' } }));
  };

  const missing = (fields: TextField[]): Record<string, string> => {
    const problems: Record<string, string> = {};
    for (const field of fields) {
      if (form[field].trim() === '')
        problems[field] = t('common.requiredField', { field: label(field) });
    }
    return problems;
  };

  const showFailure = (error: unknown) => {
    const formErrors = formErrorsOf(error, codeErrors);
    // A request.invalid on the challenge belongs to the code that came with it.
    if (formErrors.fields.challengeId && !formErrors.fields.code)
      formErrors.fields.code = formErrors.fields.challengeId;
    setErrors(formErrors);
    setCredentialsRefused(error instanceof ApiError && error.code === 'auth.invalid_credentials');
  };

  const sendCode = async (): Promise<number | undefined> => {
    const problems = missing(['username', 'password']);
    if (Object.keys(problems).length > 0) {
      setErrors({ fields: problems });
      return undefined;
    }
    try {
      const sent = await api.requestLoginCode({
        username: form.username.trim(),
        password: form.password,
        channel: useEmail ? 'email' : 'sms',
        copyToManager,
      });
      setChallenge(sent);
      setErrors(noErrors);
      setCredentialsRefused(false);
      return sent.resendAfterSeconds;
    } catch (error) {
      showFailure(error);
      return retryAfterOf(error);
    }
  };

  const login = async () => {
    const problems = missing(['username', 'password', 'code']);
    if (Object.keys(problems).length > 0) return setErrors({ fields: problems });
    setBusy(true);
    try {
      const result = await api.login({
        challengeId: challenge?.challengeId,
        username: form.username.trim(),
        password: form.password,
        code: form.code.trim(),
      });
      rememberAccountName(result.account.username);
      openPage('account');
    } catch (error) {
      showFailure(error);
    } finally {
      setBusy(false);
    }
  };

  const toggleEmail = (checked: boolean) => {
    setUseEmail(checked);
    // The copy for the customer manager goes by email, so it needs the email code.
    if (!checked) setCopyToManager(false);
  };
  const toggleManagerCopy = (checked: boolean) => {
    setCopyToManager(checked);
    if (checked) setUseEmail(true);
  };

  const sentNotice = (sent: LoginCodeResponse) => {
    const values = {
      destination: sent.destination,
      minutes: Math.max(1, Math.round(sent.expiresInSeconds / 60)),
    };
    const text =
      sent.channel === 'sms' ? t('login.codeSentSms', values) : t('login.codeSentEmail', values);
    return sent.copiedToManager ? joinSentences(locale, [text, t('login.codeCopied')]) : text;
  };

  const input = (field: TextField, options: { password?: boolean } = {}) => (
    <Input
      name={field}
      type={options.password ? 'password' : 'text'}
      value={form[field]}
      placeholder={t('common.inputPlaceholder')}
      onChange={(value) => change(field, value)}
    />
  );

  return (
    <View className="panel panel--narrow account-login">
      <Text className="panel__title">{t('login.title')}</Text>
      {errors.form && <Text className="notice notice--error">{errors.form}</Text>}
      {credentialsRefused && <Text className="hint">{t('login.lockHint')}</Text>}

      <FormField name="username" label={label('username')} required error={errors.fields.username}>
        {input('username')}
      </FormField>
      <FormField name="password" label={label('password')} required error={errors.fields.password}>
        {input('password', { password: true })}
      </FormField>
      <View className="checkbox-row">
        <Checkbox checked={useEmail} onChange={toggleEmail} label={t('login.useEmailCode')} />
        <Checkbox
          checked={copyToManager}
          onChange={toggleManagerCopy}
          label={t('login.copyToManager')}
        />
      </View>
      <FormField name="code" label={label('code')} required error={errors.fields.code}>
        <View className="code-input">
          {input('code')}
          <CodeButton
            onSend={sendCode}
            label={useEmail ? t('login.sendEmailCode') : t('login.sendSmsCode')}
          />
        </View>
        {challenge && (
          <Text className="hint">
            <KeepNumbers text={sentNotice(challenge)} />
          </Text>
        )}
      </FormField>

      <View className="panel__actions">
        <Button type="primary" block loading={busy} disabled={busy} onClick={() => void login()}>
          {t('login.submit')}
        </Button>
      </View>
      <View className="panel__links">
        <Text className="link" onClick={() => openPage('forgotPassword')}>
          {t('login.forgotPassword')}
        </Text>
        <Text className="link" onClick={() => openPage('wechatLogin')}>
          {t('nav.wechatLogin')}
        </Text>
      </View>
      <Text className="hint">
        <KeepNumbers text={t('login.copyToManagerHint')} />
      </Text>
      <Text className="hint">{t('login.wechatNote')}</Text>
    </View>
  );
}
