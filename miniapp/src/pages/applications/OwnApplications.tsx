import { Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import type { OwnApplication } from '@ucz/shared';
import type { AccountCentreApi } from '@/api/account-centre';
import { Facts } from '@/components/Facts';
import { LoadStatus } from '@/components/LoadStatus';
import { useLoaded } from '@/components/use-loaded';
import { useReviewSubscription } from '@/components/use-review-subscription';
import type { SubscribeOutcome } from '@/components/use-review-subscription';
import { useI18n } from '@/i18n/i18n';
import { formatDateTime } from '@/ui/format';
import { Button, Tag } from '@/ui/nutui';
import '@/components/panel.css';
import './applications.css';

const statusTagType = { pending: 'warning', approved: 'success', rejected: 'danger' } as const;

const outcomeNotice = {
  accepted: { key: 'subscribe.accepted', tone: 'success' },
  declined: { key: 'subscribe.declined', tone: 'info' },
  unavailable: { key: 'subscribe.unavailable', tone: 'info' },
} as const;

function ApplicationItem({ application }: { application: OwnApplication }) {
  const { t, locale } = useI18n();
  return (
    <View className="own-application" data-application={application.number}>
      <View className="own-application__header">
        <Text className="own-application__number">{application.number}</Text>
        <Tag type={statusTagType[application.status]}>{t(`status.${application.status}`)}</Tag>
      </View>
      <Facts
        facts={[
          { name: 'company', label: t('progress.company'), value: application.companyName },
          {
            name: 'submittedAt',
            label: t('progress.submittedAt'),
            value: formatDateTime(application.submittedAt, locale),
          },
          {
            name: 'deadline',
            label: t('progress.deadline'),
            value:
              application.status === 'pending'
                ? formatDateTime(application.deadline, locale)
                : undefined,
          },
          {
            name: 'decidedAt',
            label: t('applications.decidedAt'),
            value: application.decidedAt
              ? formatDateTime(application.decidedAt, locale)
              : undefined,
          },
          { name: 'rejectReason', label: t('progress.reason'), value: application.rejectReason },
        ]}
      />
    </View>
  );
}

/**
 * 我的申请: the logged-in account's certification applications with their status, and
 * in the mini-program the 订阅审核结果通知 button while one waits for review.
 */
export function OwnApplications({
  api,
  onSessionEnded,
}: {
  api: AccountCentreApi;
  /** Called instead of showing the login prompt, when the page around handles it. */
  onSessionEnded?: () => void;
}) {
  const { t } = useI18n();
  const load = useCallback(() => api.applications(), [api]);
  const { state, reload } = useLoaded(load);
  const subscription = useReviewSubscription(api);
  const [subscribing, setSubscribing] = useState(false);
  const [outcome, setOutcome] = useState<SubscribeOutcome>();

  useEffect(() => {
    if (state.status === 'ended') onSessionEnded?.();
  }, [state.status, onSessionEnded]);

  const subscribe = () => {
    // WeChat shows the dialog only when the request is made in the tap, before any await.
    const requested = subscription.requestInTap();
    setSubscribing(true);
    void requested.then((result) => {
      setOutcome(result);
      setSubscribing(false);
    });
  };

  if (state.status !== 'ready') {
    return <LoadStatus state={state} reload={reload} onSessionEnded={onSessionEnded} />;
  }

  const { applications } = state.data;
  if (applications.length === 0)
    return (
      <Text className="hint" data-state="empty">
        {t('applications.empty')}
      </Text>
    );

  const waiting = applications.some((application) => application.status === 'pending');
  const notice = outcome ? outcomeNotice[outcome] : undefined;
  return (
    <View data-state="ready">
      {notice && <Text className={`notice notice--${notice.tone}`}>{t(notice.key)}</Text>}
      {subscription.available && waiting && (
        <View className="panel__actions">
          <Button type="primary" disabled={subscribing} onClick={subscribe}>
            {t('subscribe.reviewResult')}
          </Button>
        </View>
      )}
      {applications.map((application) => (
        <ApplicationItem key={application.number} application={application} />
      ))}
    </View>
  );
}
