import { Text, View } from '@tarojs/components';
import type { ReviewQueueItem } from '@ucz/shared';
import { useI18n } from '@/i18n/i18n';
import { formatDateTime } from '@/ui/format';
import { Button, Tag } from '@/ui/nutui';
import { byDeadline } from './deadline';
import { DeadlineBar } from './DeadlineBar';

/** 待审核申请: open applications, earliest deadline first, each with its deadline bar. */
export function ReviewQueue({
  items,
  total,
  onOpen,
  onRefresh,
}: {
  items: readonly ReviewQueueItem[];
  total: number;
  onOpen: (item: ReviewQueueItem) => void;
  onRefresh: () => void;
}) {
  const { t, label, locale } = useI18n();
  return (
    <View className="panel review-queue">
      <View className="panel__header">
        <Text className="panel__subtitle">{t('review.queue')}</Text>
        <View className="review-queue__tools">
          <Text className="hint">{t('review.total', { total })}</Text>
          <Button size="small" onClick={onRefresh}>
            {t('common.refresh')}
          </Button>
        </View>
      </View>
      {items.length === 0 && <Text className="hint">{t('review.empty')}</Text>}
      {byDeadline(items).map((item) => (
        <View
          key={item.id}
          className={`queue-item${item.overdue ? ' queue-item--overdue' : ''}`}
          data-application={item.number}
          onClick={() => onOpen(item)}
        >
          <View className="queue-item__header">
            <Text className="queue-item__number">{item.number}</Text>
            <View className="queue-item__tags">
              <Tag type="default">
                {item.type === 'new_company'
                  ? t('review.typeNewCompany')
                  : t('review.typeJoinCompany')}
              </Tag>
              {item.applyAdmin && <Tag type="primary">{label('applyAdmin')}</Tag>}
              {item.status === 'approving' && <Tag type="warning">{t('review.approving')}</Tag>}
              {item.overdue && <Tag type="danger">{t('review.overdue')}</Tag>}
            </View>
          </View>
          <Text className="queue-item__detail">
            {`${item.companyFullName} · ${t('review.applicant')}: ${item.applicantName}`}
          </Text>
          <Text className="queue-item__detail">
            {`${t('progress.submittedAt')}: ${formatDateTime(item.submittedAt, locale)}`}
          </Text>
          <DeadlineBar item={item} />
        </View>
      ))}
    </View>
  );
}
