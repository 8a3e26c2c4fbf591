import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { defaultCallingCode, isStrongPassword } from '@ucz/shared';
import type { DraftView, SubmitResponse } from '@ucz/shared';
import type { CertificationApi } from '@/api/certification';
import { CodeButton } from '@/components/CodeButton';
import { FormField } from '@/components/FormField';
import { useReviewSubscriptionClient } from '@/components/use-review-subscription';
import { useI18n } from '@/i18n/i18n';
import { Button, Input } from '@/ui/nutui';
import { localNumber } from '@/ui/phone';
import { formErrorsOf, noErrors } from './form-errors';
import type { FormErrors } from './form-errors';
import { readUnsavedAccount, useUnsavedAccount } from './unsaved-account';

interface AccountForm {
  username: string;
  name: string;
  department: string;
  phoneCallingCode: string;
  phone: string;
  title: string;
  password: string;
  confirmPassword: string;
  email: string;
  code: string;
  mobile: string;
}

type TextField = Exclude<keyof AccountForm, 'phoneCallingCode'>;

const requiredFields: TextField[] = [
  'username',
  'name',
  'department',
  'phone',
  'title',
  'password',
  'confirmPassword',
  'email',
  'code',
];

/** Errors without a field name that belong next to a field of this step. */
const fieldOfErrorCode: Record<string, string> = {
  'otp.invalid': 'code',
  'otp.expired': 'code',
  'otp.attempts_exceeded': 'code',
  'otp.resend_too_soon': 'code',
  'otp.daily_limit': 'code',
  'otp.delivery_failed': 'code',
  'password.weak': 'password',
  'password.mismatch': 'confirmPassword',
};

/**
 * Fills step ③ from the account saved in the draft, so a reload keeps what was entered.
 * 密码, 确认密码 and 验证码 are not in the draft view, so they start empty.
 */
function formOf(draft: DraftView): AccountForm {
  const account = draft.account;
  const presetCallingCode = defaultCallingCode[draft.company?.region ?? 'HK'];
  const callingCode = account?.phoneCallingCode.replace(/\D/gu, '') ?? '';
  return {
    username: account?.username ?? '',
    name: account?.name ?? '',
    department: account?.department ?? '',
    phoneCallingCode: callingCode || presetCallingCode,
    phone: localNumber(account?.phone, callingCode),
    title: account?.title ?? '',
    password: '',
    confirmPassword: '',
    email: account?.email ?? '',
    code: '',
    mobile: localNumber(account?.mobile, callingCode),
  };
}

export interface AccountStepProps {
  api: CertificationApi;
  token: string;
  draft: DraftView;
  onDraft: (draft: DraftView) => void;
  onSubmitted: (result: SubmitResponse) => void;
  onBack: () => void;
}

/** Step ③ 账号信息: the applicant's account, the emailed code, then the submission. */
export function AccountStep({ api, token, draft, onDraft, onSubmitted, onBack }: AccountStepProps) {
  const { t, label } = useI18n();
  // Input typed before a reload comes back over the saved draft; secrets were never stored.
  const [form, setForm] = useState<AccountForm>(() => ({
    ...formOf(draft),
    ...readUnsavedAccount(token),
  }));
  useUnsavedAccount(token, form);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [codeSentTo, setCodeSentTo] = useState<string>();
  const [submitting, setSubmitting] = useState(false);
  const reviewSubscription = useReviewSubscriptionClient();

  const change = (field: keyof AccountForm, value: string) => {
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
      const result = await api.sendEmailCode(token, email);
      setCodeSentTo(email);
      return result.resendAfterSeconds;
    } catch (error) {
      setErrors(formErrorsOf(error, fieldOfErrorCode));
      return undefined;
    }
  };

  const validate = (): Record<string, string> => {
    const problems: Record<string, string> = {};
    for (const field of requiredFields) {
      if (form[field].trim() === '')
        problems[field] = t('common.requiredField', { field: label(field) });
    }
    if (form.password !== '' && !isStrongPassword(form.password))
      problems.password = t('account.passwordRule');
    if (form.confirmPassword !== '' && form.confirmPassword !== form.password) {
      problems.confirmPassword = t('account.passwordMismatch');
    }
    return problems;
  };

  const submit = async () => {
    const problems = validate();
    if (Object.keys(problems).length > 0) return setErrors({ fields: problems });
    // In WeChat the subscribe dialog must open in the tap, before the first await. The
    // hook reports the choice itself, which counts only for an applicant with a session.
    void reviewSubscription.requestInTap();
    setSubmitting(true);
    try {
      const saved = await api.saveAccount(token, {
        username: form.username.trim(),
        name: form.name.trim(),
        department: form.department.trim(),
        phoneCallingCode: form.phoneCallingCode.trim() || defaultCallingCode.HK,
        phone: form.phone.trim(),
        title: form.title.trim(),
        email: form.email.trim(),
        mobile: form.mobile.trim() || undefined,
      });
      onDraft(saved);
      onSubmitted(
        await api.submit(token, {
          password: form.password,
          confirmPassword: form.confirmPassword,
          code: form.code.trim(),
        }),
      );
    } catch (error) {
      setErrors(formErrorsOf(error, fieldOfErrorCode));
    } finally {
      setSubmitting(false);
    }
  };

  const input = (field: TextField, placeholder: string, options: { password?: boolean } = {}) => (
    <Input
      name={field}
      type={options.password ? 'password' : 'text'}
      value={form[field]}
      placeholder={placeholder}
      onChange={(value) => change(field, value)}
    />
  );
  const field = (
    name: TextField,
    placeholder: string,
    required = true,
    options: { password?: boolean } = {},
  ) => (
    <FormField name={name} label={label(name)} required={required} error={errors.fields[name]}>
      {input(name, placeholder, options)}
    </FormField>
  );

  return (
    <View className="wizard-step">
      {errors.form && <Text className="wizard-step__error">{errors.form}</Text>}
      {field('username', t('account.usernamePlaceholder'))}
      {field('name', t('account.namePlaceholder'))}
      {field('department', t('common.inputPlaceholder'))}
      <FormField
        name="phone"
        label={label('phone')}
        required
        error={errors.fields.phone || errors.fields.phoneCallingCode}
      >
        <View className="phone-input">
          <Input
            name="phoneCallingCode"
            className="phone-input__code"
            value={form.phoneCallingCode}
            type="digit"
            maxLength={4}
            onChange={(value) => change('phoneCallingCode', value)}
          />
          {input('phone', t('account.phonePlaceholder'))}
        </View>
      </FormField>
      {field('title', t('common.inputPlaceholder'))}
      {field('password', t('account.passwordPlaceholder'), true, { password: true })}
      {field('confirmPassword', t('account.passwordPlaceholder'), true, { password: true })}
      {field('email', t('account.emailPlaceholder'))}
      <FormField name="code" label={label('code')} required error={errors.fields.code}>
        <View className="code-input">
          {input('code', t('common.inputPlaceholder'))}
          <CodeButton onSend={sendCode} />
        </View>
        {codeSentTo && (
          <Text className="wizard-step__hint">{t('account.codeSent', { email: codeSentTo })}</Text>
        )}
      </FormField>
      {field('mobile', t('common.inputPlaceholder'), false)}

      <View className="wizard-step__actions">
        <Button onClick={onBack}>{t('common.previous')}</Button>
        <Button
          type="primary"
          loading={submitting}
          disabled={submitting}
          onClick={() => void submit()}
        >
          {t('common.submit')}
        </Button>
      </View>
    </View>
  );
}
