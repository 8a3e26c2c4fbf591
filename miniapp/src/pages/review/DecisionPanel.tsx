import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { rejectReasonMaxLength } from '@ucz/shared';
import type { ReviewApplicationDetail } from '@ucz/shared';
import type { ReviewApi } from '@/api/review';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { FormField } from '@/components/FormField';
import { useI18n } from '@/i18n/i18n';
import { Button, TextArea } from '@/ui/nutui';
import { formErrorsOf, noErrors } from '../certification/form-errors';
import type { FormErrors } from '../certification/form-errors';

export interface DecisionPanelProps {
  api: ReviewApi;
  application: ReviewApplicationDetail;
  /** Runs after a decision with the message to show. */
  onDecided: (message: string) => void;
  onError: (error: unknown) => void;
}

/**
 * 通过 (after a confirmation) and 驳回 (with a required reason) of an open application.
 * An application whose approval has started can only be approved again, which resumes it.
 */
export function DecisionPanel({ api, application, onDecided, onError }: DecisionPanelProps) {
  const { t, label } = useI18n();
  const [confirmingApproval, setConfirmingApproval] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const number = application.number;

  const approve = async () => {
    setBusy(true);
    try {
      await api.approve(application.id);
      onDecided(t('review.approved', { number }));
    } catch (error) {
      setErrors(formErrorsOf(error));
      onError(error);
    } finally {
      setBusy(false);
    }
  };

  const reject = async () => {
    const trimmed = reason.trim();
    if (trimmed === '') {
      setErrors({ fields: { reason: t('common.requiredField', { field: label('reason') }) } });
      return;
    }
    setBusy(true);
    try {
      await api.reject(application.id, trimmed);
      onDecided(t('review.rejected', { number }));
    } catch (error) {
      setErrors(formErrorsOf(error, { 'review.reason_required': 'reason' }));
      onError(error);
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="panel decision-panel">
      {errors.form && <Text className="notice notice--error">{errors.form}</Text>}
      {rejecting && (
        <View className="decision-panel__reject">
          <Text className="panel__subtitle">{t('review.rejectTitle', { number })}</Text>
          <FormField name="reason" label={label('reason')} required error={errors.fields.reason}>
            <TextArea
              value={reason}
              placeholder={t('review.reasonPlaceholder')}
              maxLength={rejectReasonMaxLength}
              showCount
              onChange={(value) => {
                setReason(value);
                setErrors(noErrors);
              }}
            />
          </FormField>
        </View>
      )}
      <View className="panel__actions">
        {rejecting ? (
          <>
            <Button
              onClick={() => {
                setRejecting(false);
                setErrors(noErrors);
              }}
            >
              {t('common.cancel')}
            </Button>
            <Button
              type="danger"
              className="button--danger"
              loading={busy}
              disabled={busy}
              onClick={() => void reject()}
            >
              {t('review.reject')}
            </Button>
          </>
        ) : (
          <>
            {application.status === 'pending' && (
              <Button
                type="danger"
                className="button--danger"
                disabled={busy}
                onClick={() => setRejecting(true)}
              >
                {t('review.reject')}
              </Button>
            )}
            <Button
              type="primary"
              loading={busy}
              disabled={busy}
              onClick={() => setConfirmingApproval(true)}
            >
              {t('review.approve')}
            </Button>
          </>
        )}
      </View>
      <ConfirmDialog
        visible={confirmingApproval}
        title={t('review.approve')}
        content={t('review.confirmApprove', { number })}
        onConfirm={approve}
        onClose={() => setConfirmingApproval(false)}
      />
    </View>
  );
}
