import { Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import { createCertificationApi } from '@/api/certification';
import { AgreementPanel } from '@/components/AgreementPanel';
import { StepBar } from '@/components/StepBar';
import { useI18n } from '@/i18n/i18n';
import { Button } from '@/ui/nutui';
import { AccountStep } from './AccountStep';
import { CompanyStep } from './CompanyStep';
import { DocumentsStep } from './DocumentsStep';
import { formErrorsOf } from './form-errors';
import { SuccessStep } from './SuccessStep';
import { useDraft } from './use-draft';
import './wizard.css';

/** The certification wizard (用户认证): the agreement, then steps ① to ④. */
export function CertificationWizard() {
  const { t } = useI18n();
  const api = useMemo(() => createCertificationApi(t('common.networkError')), [t]);
  const { state, reload, accept, updateDraft, goTo, submitted } = useDraft(api);
  const [accepting, setAccepting] = useState(false);
  const [acceptError, setAcceptError] = useState<string>();

  if (state.phase === 'loading')
    return <Text className="wizard-status">{t('common.loading')}</Text>;

  if (state.phase === 'failed') {
    return (
      <View className="wizard-status">
        <Text className="wizard-step__error">{state.message}</Text>
        <Button onClick={reload}>{t('common.retry')}</Button>
      </View>
    );
  }

  if (state.phase === 'agreement') {
    const acceptAgreement = async () => {
      setAccepting(true);
      setAcceptError(undefined);
      try {
        await accept(state.agreement.version);
      } catch (error) {
        setAcceptError(formErrorsOf(error).form);
      } finally {
        setAccepting(false);
      }
    };
    return (
      <View>
        {acceptError && <Text className="wizard-step__error">{acceptError}</Text>}
        <AgreementPanel
          title={state.agreement.agreement.title}
          text={state.agreement.agreement.text}
          busy={accepting}
          onAccept={() => void acceptAgreement()}
        />
      </View>
    );
  }

  const { token, draft, step } = state;
  return (
    <View className="wizard">
      <StepBar current={step} />
      {step === 0 && (
        <CompanyStep
          api={api}
          token={token}
          draft={draft}
          onSaved={(saved) => updateDraft(saved, 1)}
        />
      )}
      {step === 1 && (
        <DocumentsStep
          api={api}
          token={token}
          draft={draft}
          onDraft={(updated) => updateDraft(updated)}
          onNext={() => goTo(2)}
          onBack={() => goTo(0)}
        />
      )}
      {step === 2 && (
        <AccountStep
          api={api}
          token={token}
          draft={draft}
          onDraft={(updated) => updateDraft(updated)}
          onSubmitted={submitted}
          onBack={() => goTo(1)}
        />
      )}
      {step === 3 && <SuccessStep result={state.submitted} draft={draft} />}
    </View>
  );
}
