import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { defaultPhoneCallingCode } from '@ucz/shared';
import type {
  BusinessCategoryCode,
  CompanyAccountView,
  UpdateCompanyAccountRequest,
} from '@ucz/shared';
import type { CompanyApi, LinkSentResult } from '@/api/company';
import { FormField } from '@/components/FormField';
import { useI18n } from '@/i18n/i18n';
import { Button, Input } from '@/ui/nutui';
import { callingCodeOf, localNumber } from '@/ui/phone';
import { formErrorsOf, noErrors } from '../certification/form-errors';
import type { FormErrors } from '../certification/form-errors';
import { CategoryChoice } from './CategoryChoice';

interface PersonForm {
  username: string;
  name: string;
  department: string;
  phoneCallingCode: string;
  phone: string;
  title: string;
  email: string;
  mobile: string;
}

type TextField = Exclude<keyof PersonForm, 'phoneCallingCode'>;

const requiredFields: TextField[] = ['username', 'name', 'department', 'phone', 'title', 'email'];
const editableFields = ['name', 'department', 'phone', 'title', 'email', 'mobile'] as const;

/**
 * Fills the form from the account. Stored numbers are in E.164, so 直线电话 is split into
 * the calling code beside the field and the local number, and 手机 is shown after the same
 * code (whole when its code differs).
 */
function formOf(account?: CompanyAccountView): PersonForm {
  const callingCode = callingCodeOf(account?.phone) ?? defaultPhoneCallingCode;
  return {
    username: account?.username ?? '',
    name: account?.name ?? '',
    department: account?.department ?? '',
    phoneCallingCode: callingCode,
    phone: localNumber(account?.phone, callingCode),
    title: account?.title ?? '',
    email: account?.email ?? '',
    mobile: localNumber(account?.mobile, callingCode),
  };
}

export interface AccountFormProps {
  api: CompanyApi;
  /** The account to edit; absent to add a new one. */
  account?: CompanyAccountView;
  onCreated: (result: LinkSentResult) => void;
  onSaved: (account: CompanyAccountView) => void;
  onCancel: () => void;
  onError: (error: unknown) => void;
}

/** 新增 and 编辑 of the admin console: the person's fields, and the permissions of a new account. */
export function AccountForm({
  api,
  account,
  onCreated,
  onSaved,
  onCancel,
  onError,
}: AccountFormProps) {
  const { t, label } = useI18n();
  const [form, setForm] = useState<PersonForm>(() => formOf(account));
  const [permissions, setPermissions] = useState<BusinessCategoryCode[]>([]);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const editing = account !== undefined;

  const change = (field: keyof PersonForm, value: string) => {
    setForm((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, fields: { ...current.fields, [field]: '' } }));
  };

  /**
   * Returns the fields that differ from the form as it was filled from the stored account.
   * The API leaves the others as they are. A new calling code changes both numbers.
   */
  const changes = (original: CompanyAccountView): UpdateCompanyAccountRequest => {
    const initial = formOf(original);
    const codeChanged = form.phoneCallingCode.trim() !== initial.phoneCallingCode;
    const changed: UpdateCompanyAccountRequest = {};
    for (const field of editableFields) {
      const value = form[field].trim();
      const numberMoved =
        codeChanged && (field === 'phone' || (field === 'mobile' && value !== ''));
      if (value !== initial[field] || numberMoved) changed[field] = value;
    }
    if (changed.phone !== undefined || changed.mobile !== undefined)
      changed.phoneCallingCode = form.phoneCallingCode.trim() || defaultPhoneCallingCode;
    return changed;
  };

  const submit = async () => {
    const problems: Record<string, string> = {};
    for (const field of requiredFields) {
      if (form[field].trim() === '')
        problems[field] = t('common.requiredField', { field: label(field) });
    }
    if (Object.keys(problems).length > 0) return setErrors({ fields: problems });
    setBusy(true);
    try {
      if (account) {
        const changed = changes(account);
        if (Object.keys(changed).length === 0) return onSaved(account);
        onSaved((await api.updateAccount(account.id, changed)).account);
      } else {
        onCreated(
          await api.createAccount({
            username: form.username.trim(),
            name: form.name.trim(),
            department: form.department.trim(),
            phoneCallingCode: form.phoneCallingCode.trim() || defaultPhoneCallingCode,
            phone: form.phone.trim(),
            title: form.title.trim(),
            email: form.email.trim(),
            ...(form.mobile.trim() ? { mobile: form.mobile.trim() } : {}),
            permissions,
          }),
        );
      }
    } catch (error) {
      setErrors(formErrorsOf(error));
      onError(error);
    } finally {
      setBusy(false);
    }
  };

  const field = (name: TextField, required = true) => (
    <FormField name={name} label={label(name)} required={required} error={errors.fields[name]}>
      <Input
        name={name}
        value={form[name]}
        placeholder={name === 'name' ? t('account.namePlaceholder') : t('common.inputPlaceholder')}
        onChange={(value) => change(name, value)}
      />
    </FormField>
  );

  return (
    <View className="panel account-form" data-form={editing ? 'edit' : 'add'}>
      <Text className="panel__subtitle">
        {account ? t('admin.editTitle', { username: account.username }) : t('admin.addTitle')}
      </Text>
      {errors.form && <Text className="notice notice--error">{errors.form}</Text>}
      {!editing && field('username')}
      {field('name')}
      {field('department')}
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
          <Input
            name="phone"
            value={form.phone}
            placeholder={t('account.phonePlaceholder')}
            onChange={(value) => change('phone', value)}
          />
        </View>
      </FormField>
      {field('title')}
      {field('email')}
      {field('mobile', false)}
      {!editing && (
        <FormField
          name="permissions"
          label={label('permissions')}
          error={errors.fields.permissions}
        >
          <CategoryChoice selected={permissions} onChange={setPermissions} />
        </FormField>
      )}
      <View className="panel__actions">
        <Button onClick={onCancel}>{t('common.cancel')}</Button>
        <Button type="primary" loading={busy} disabled={busy} onClick={() => void submit()}>
          {t('common.save')}
        </Button>
      </View>
    </View>
  );
}
