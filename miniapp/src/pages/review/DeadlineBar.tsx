import { Text, View } from '@tarojs/components';
import type { ReviewQueueItem } from '@ucz/shared';
import { useI18n } from '@/i18n/i18n';
import { formatDateTime } from '@/ui/format';
import { deadlineStanding } from './deadline';

const levelColours = {
  ok: '#2ba471',
  soon: '#e6a23c',
  urgent: '#f5762b',
  overdue: '#c8102e',
} as const;

/**
 * The deadline of an application with a bar of the review window used so far. The bar
 * turns from green to red as the remaining working hours run out, and is full and red
 * when overdue.
 */
export function DeadlineBar({ item }: { item: ReviewQueueItem }) {
  const { t, locale } = useI18n();
  const { level, usedShare } = deadlineStanding(item);
  const remaining = item.overdue
    ? t('review.overdue')
    : item.remainingWorkingDays === 0
      ? `${t('review.dueToday')} · ${t('review.remaining', { hours: item.remainingWorkingHours })}`
      : t('review.remaining', { hours: item.remainingWorkingHours });
  return (
    <View className={`deadline deadline--${level}`} data-deadline-level={level}>
      <View className="deadline__text">
        <Text>{`${t('review.deadline')}: ${formatDateTime(item.deadline, locale)}`}</Text>
        <Text className="deadline__remaining" style={{ color: levelColours[level] }}>
          {remaining}
        </Text>
      </View>
      <View className="deadline__track">
        <View
          className="deadline__fill"
          style={{
            width: `${Math.round(usedShare * 100)}%`,
            backgroundColor: levelColours[level],
          }}
        />
      </View>
    </View>
  );
}
