import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { documentKinds } from '@ucz/shared';
import type { AgreementResponse, DocumentKind, DraftView } from '@ucz/shared';
import type { CertificationApi } from '@/api/certification';
import { AgreementPanel } from '@/components/AgreementPanel';
import { useI18n } from '@/i18n/i18n';
import { Button, Checkbox } from '@/ui/nutui';
import { DocumentUploader } from './DocumentUploader';
import { formErrorsOf } from './form-errors';

export interface DocumentsStepProps {
  api: CertificationApi;
  token: string;
  draft: DraftView;
  onDraft: (draft: DraftView) => void;
  onNext: () => void;
  onBack: () => void;
}

/** Lists the document kinds this draft needs: the server's list, plus the authorisation for 申请管理员. */
export function kindsToUpload(draft: DraftView): DocumentKind[] {
  return documentKinds.filter(
    (kind) =>
      draft.requiredDocuments.includes(kind) ||
      (kind === 'admin_authorisation' && draft.applyAdmin),
  );
}

/** Step ② 上传资料: documents by kind and 申请管理员 with its agreement and template. */
export function DocumentsStep({ api, token, draft, onDraft, onNext, onBack }: DocumentsStepProps) {
  const { t } = useI18n();
  const [missing, setMissing] = useState<Record<string, string>>({});
  const [adminAgreement, setAdminAgreement] = useState<AgreementResponse['adminAgreement']>();
  const [formError, setFormError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const { label } = useI18n();

  const saveAdmin = async (applyAdmin: boolean) => {
    setBusy(true);
    setFormError(undefined);
    try {
      onDraft(
        await api.saveDocuments(token, {
          applyAdmin,
          adminAgreementAccepted: applyAdmin ? true : undefined,
        }),
      );
      setAdminAgreement(undefined);
    } catch (error) {
      setFormError(formErrorsOf(error).form ?? t('documents.adminAgreementRequired'));
    } finally {
      setBusy(false);
    }
  };

  /** Ticking 申请管理员 shows the administrator agreement; accepting it saves the choice. */
  const toggleAdmin = async (checked: boolean) => {
    if (!checked) return saveAdmin(false);
    try {
      setAdminAgreement((await api.agreement()).adminAgreement);
    } catch (error) {
      setFormError(formErrorsOf(error).form);
    }
  };

  const next = () => {
    const problems: Record<string, string> = {};
    for (const kind of kindsToUpload(draft)) {
      if (!draft.files.some((file) => file.kind === kind))
        problems[kind] = t('documents.missing', { field: label(kind) });
    }
    setMissing(problems);
    if (Object.keys(problems).length === 0) onNext();
  };

  const uploader = (kind: DocumentKind, note?: string, extra?: React.ReactNode) => (
    <DocumentUploader
      key={kind}
      api={api}
      token={token}
      kind={kind}
      files={draft.files.filter((file) => file.kind === kind)}
      note={note}
      error={missing[kind]}
      onDraft={(updated) => {
        setMissing((current) => ({ ...current, [kind]: '' }));
        onDraft(updated);
      }}
      extra={extra}
      maxBytes={draft.uploadMaxBytes}
    />
  );

  const kinds = kindsToUpload(draft);
  return (
    <View className="wizard-step">
      {formError && <Text className="wizard-step__error">{formError}</Text>}
      {kinds.includes('business_registration') &&
        uploader('business_registration', t('documents.registrationNote'))}

      <View className="admin-choice">
        <Checkbox
          checked={draft.applyAdmin || adminAgreement !== undefined}
          disabled={busy}
          onChange={(checked) => void toggleAdmin(checked)}
          label={label('applyAdmin')}
        />
        <Text className="admin-choice__note">{t('documents.adminNote')}</Text>
      </View>
      {adminAgreement && !draft.applyAdmin && (
        <AgreementPanel
          title={adminAgreement.title}
          text={adminAgreement.text}
          busy={busy}
          onAccept={() => void saveAdmin(true)}
        />
      )}

      {kinds.includes('employment_proof') &&
        uploader('employment_proof', t('documents.employmentNote'))}
      {kinds.includes('admin_authorisation') &&
        uploader(
          'admin_authorisation',
          t('documents.adminAuthorisationNote'),
          <Text className="document-list__template" onClick={() => void api.openAdminTemplate()}>
            {t('documents.downloadTemplate')}
          </Text>,
        )}

      <View className="wizard-step__actions">
        <Button onClick={onBack}>{t('common.previous')}</Button>
        <Button type="primary" disabled={busy} onClick={next}>
          {t('common.next')}
        </Button>
      </View>
    </View>
  );
}
