import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { businessCategories, registrationRegionLabels, registrationRegions } from '@ucz/shared';
import type {
  BusinessCategoryCode,
  CompanyStepRequest,
  DraftView,
  RegistrationRegion,
} from '@ucz/shared';
import type { CertificationApi } from '@/api/certification';
import { FormField } from '@/components/FormField';
import { useI18n } from '@/i18n/i18n';
import { Button, Checkbox, Input, Radio, TextArea } from '@/ui/nutui';
import { formErrorsOf, noErrors } from './form-errors';
import type { FormErrors } from './form-errors';
import '@/components/category-grid.css';

interface CompanyForm {
  region: RegistrationRegion;
  fullName: string;
  shortName: string;
  address: string;
  brNumber: string;
  categories: BusinessCategoryCode[];
  otherDescription: string;
}

function formOf(draft: DraftView): CompanyForm {
  return {
    region: draft.company?.region ?? 'HK',
    fullName: draft.company?.fullName ?? '',
    shortName: draft.company?.shortName ?? '',
    address: draft.company?.address ?? '',
    brNumber: draft.company?.brNumber ?? '',
    categories: draft.categories,
    otherDescription: draft.otherDescription ?? '',
  };
}

export interface CompanyStepProps {
  api: CertificationApi;
  token: string;
  draft: DraftView;
  onSaved: (draft: DraftView) => void;
}

/** Step ① 公司信息: registration region, company fields with autofill, business categories. */
export function CompanyStep({ api, token, draft, onSaved }: CompanyStepProps) {
  const { t, label, locale } = useI18n();
  const [form, setForm] = useState<CompanyForm>(() => formOf(draft));
  const [autofilled, setAutofilled] = useState(draft.mode === 'join_company');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [helpOpen, setHelpOpen] = useState(false);
  const [saving, setSaving] = useState(false);

  const change = <K extends keyof CompanyForm>(field: K, value: CompanyForm[K]) => {
    setForm((current) => ({ ...current, [field]: value }));
    setErrors((current) => ({ ...current, fields: { ...current.fields, [field]: '' } }));
  };

  /** Leaving 公司全称 looks the company up; a certified one fills in the rest. */
  const lookUp = async () => {
    const fullName = form.fullName.trim();
    if (fullName === '') return;
    try {
      const result = await api.lookupCompany(fullName);
      if (result.found) {
        const { company } = result;
        setForm((current) => ({
          ...current,
          fullName: company.fullName,
          region: company.region,
          shortName: company.shortName ?? '',
          address: company.address,
          brNumber: company.brNumber,
        }));
        setErrors(noErrors);
        setAutofilled(true);
      } else {
        setAutofilled(false);
      }
    } catch {
      // The lookup only saves typing; the server decides again when the step is saved.
    }
  };

  const toggleCategory = (code: BusinessCategoryCode, checked: boolean) => {
    const categories = checked
      ? [...form.categories.filter((existing) => existing !== code), code]
      : form.categories.filter((existing) => existing !== code);
    change('categories', categories);
  };

  const validate = (): Record<string, string> => {
    const problems: Record<string, string> = {};
    const required = (field: keyof CompanyForm) => {
      if (String(form[field]).trim() === '')
        problems[field] = t('common.requiredField', { field: label(field) });
    };
    required('fullName');
    if (!autofilled) {
      required('address');
      required('brNumber');
    }
    if (form.categories.length === 0) problems.categories = t('company.chooseCategory');
    if (form.categories.includes('other') && form.otherDescription.trim() === '') {
      problems.otherDescription = t('company.otherRequired');
    }
    return problems;
  };

  const save = async () => {
    const problems = validate();
    if (Object.keys(problems).length > 0) return setErrors({ fields: problems });
    const request: CompanyStepRequest = {
      region: form.region,
      fullName: form.fullName.trim(),
      shortName: form.shortName.trim() || undefined,
      address: autofilled ? undefined : form.address.trim(),
      brNumber: autofilled ? undefined : form.brNumber.trim(),
      // Keep the guide's order whatever the order of ticking.
      categories: businessCategories
        .map((category) => category.code)
        .filter((code) => form.categories.includes(code)),
      otherDescription: form.categories.includes('other')
        ? form.otherDescription.trim()
        : undefined,
    };
    setSaving(true);
    try {
      onSaved(await api.saveCompany(token, request));
    } catch (error) {
      setErrors(formErrorsOf(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <View className="wizard-step">
      {errors.form && <Text className="wizard-step__error">{errors.form}</Text>}

      <FormField name="fullName" label={label('fullName')} required error={errors.fields.fullName}>
        <Input
          name="fullName"
          value={form.fullName}
          placeholder={t('common.inputPlaceholder')}
          onChange={(value) => change('fullName', value)}
          onBlur={() => void lookUp()}
        />
        <Text className="wizard-step__hint">{t('company.fullNameHint')}</Text>
      </FormField>
      {autofilled && <Text className="wizard-step__notice">{t('company.autofilled')}</Text>}

      <FormField name="shortName" label={label('shortName')} error={errors.fields.shortName}>
        <Input
          name="shortName"
          value={form.shortName}
          placeholder={t('common.inputPlaceholder')}
          readOnly={autofilled}
          onChange={(value) => change('shortName', value)}
        />
      </FormField>

      <FormField name="region" label={label('region')} required error={errors.fields.region}>
        <Radio.Group
          value={form.region}
          direction="horizontal"
          disabled={autofilled}
          onChange={(value) => change('region', value as RegistrationRegion)}
        >
          {registrationRegions.map((region) => (
            <Radio key={region} value={region}>
              {registrationRegionLabels[region][locale]}
            </Radio>
          ))}
        </Radio.Group>
      </FormField>

      <FormField
        name="address"
        label={label('address')}
        required={!autofilled}
        error={errors.fields.address}
        note={t('company.addressNote')}
      >
        <Input
          name="address"
          value={form.address}
          placeholder={t('common.inputPlaceholder')}
          readOnly={autofilled}
          onChange={(value) => change('address', value)}
        />
      </FormField>

      <FormField
        name="brNumber"
        label={label('brNumber')}
        required={!autofilled}
        error={errors.fields.brNumber}
      >
        <Input
          name="brNumber"
          value={form.brNumber}
          placeholder={t('common.inputPlaceholder')}
          readOnly={autofilled}
          onChange={(value) => change('brNumber', value)}
        />
      </FormField>

      <FormField
        name="categories"
        label={label('categories')}
        required
        error={errors.fields.categories}
        note={t('company.categoriesNote')}
      >
        <View className="category-list category-grid">
          {businessCategories.map((category) => (
            <View
              key={category.code}
              className="category-list__item category-grid__item"
              data-category={category.code}
            >
              <Checkbox
                checked={form.categories.includes(category.code)}
                onChange={(checked) => toggleCategory(category.code, checked)}
                label={category.label[locale]}
              />
              {category.help && (
                <Text
                  className="category-list__help"
                  aria-label={t('company.helpButton')}
                  onClick={() => setHelpOpen((open) => !open)}
                >
                  ?
                </Text>
              )}
            </View>
          ))}
        </View>
        {helpOpen && (
          <Text className="category-list__explanation">
            {businessCategories.find((category) => category.help)?.help?.[locale]}
          </Text>
        )}
      </FormField>

      {form.categories.includes('other') && (
        <FormField
          name="otherDescription"
          label={label('otherDescription')}
          required
          error={errors.fields.otherDescription}
        >
          <TextArea
            value={form.otherDescription}
            placeholder={t('company.otherPlaceholder')}
            maxLength={100}
            onChange={(value) => change('otherDescription', value)}
          />
        </FormField>
      )}

      <View className="wizard-step__actions">
        <Button type="primary" loading={saving} disabled={saving} onClick={() => void save()}>
          {t('common.next')}
        </Button>
      </View>
    </View>
  );
}
