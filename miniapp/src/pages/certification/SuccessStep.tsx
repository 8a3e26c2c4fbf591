import { Text, View } from '@tarojs/components';
import type { DraftView, SubmitResponse } from '@ucz/shared';
import { useI18n } from '@/i18n/i18n';
import { openPage } from '@/platform/navigation';
import { Button } from '@/ui/nutui';
import { formatDateTime } from '@/ui/format';

/** Step ④ 申请成功: the application number, its status and the review deadline. */
export function SuccessStep({ result, draft }: { result?: SubmitResponse; draft: DraftView }) {
  const { t, locale } = useI18n();
  const number = result?.applicationNumber ?? draft.application?.number ?? '';
  return (
    <View className="wizard-step wizard-step--success">
      <Text className="wizard-step__success-title">{t('success.title')}</Text>
      <Text>{t('success.number', { number })}</Text>
      <Text>{t('success.pending')}</Text>
      {result && (
        <Text>{t('success.deadline', { date: formatDateTime(result.deadline, locale) })}</Text>
      )}
      <Text className="wizard-step__hint">{t('success.queryHint')}</Text>
      <Button type="primary" onClick={() => openPage('progress')}>
        {t('nav.progress')}
      </Button>
    </View>
  );
}
