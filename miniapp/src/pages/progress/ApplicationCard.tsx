import { Text, View } from '@tarojs/components';
import type { ApplicationProgress } from '@ucz/shared';
import { useI18n } from '@/i18n/i18n';
import { formatDateTime } from '@/ui/format';
import { Button, Tag } from '@/ui/nutui';

const statusTagType = { pending: 'warning', approved: 'success', rejected: 'danger' } as const;

/** One application found by the progress query: its facts, timeline and rejection reason. */
export function ApplicationCard({
  application,
  onReopen,
}: {
  application: ApplicationProgress;
  onReopen: () => void;
}) {
  const { t, locale } = useI18n();
  const row = (labelText: string, value: string) => (
    <View className="application-card__row">
      <Text className="application-card__label">{labelText}</Text>
      <Text>{value}</Text>
    </View>
  );
  return (
    <View className="application-card" data-application={application.number}>
      <View className="application-card__header">
        <Text className="application-card__number">{application.number}</Text>
        <Tag type={statusTagType[application.status]}>{t(`status.${application.status}`)}</Tag>
      </View>
      {row(t('progress.company'), application.companyName)}
      {row(t('progress.username'), application.username)}
      {row(t('progress.submittedAt'), formatDateTime(application.submittedAt, locale))}
      {application.status === 'pending' &&
        row(t('progress.deadline'), formatDateTime(application.deadline, locale))}
      {application.rejectReason && (
        <View className="application-card__reason">
          <Text className="application-card__label">{t('progress.reason')}</Text>
          <Text>{application.rejectReason}</Text>
        </View>
      )}
      <View className="timeline">
        {application.history.map((entry, index) => (
          <View key={index} className={`timeline__entry timeline__entry--${entry.event}`}>
            <View className="timeline__dot" />
            <View className="timeline__body">
              <Text className="timeline__event">{t(`event.${entry.event}`)}</Text>
              <Text className="timeline__time">{formatDateTime(entry.at, locale)}</Text>
              {entry.reason && <Text className="timeline__reason">{entry.reason}</Text>}
            </View>
          </View>
        ))}
      </View>
      {application.status === 'rejected' && (
        <Button type="primary" size="small" onClick={onReopen}>
          {t('progress.reopen')}
        </Button>
      )}
    </View>
  );
}
