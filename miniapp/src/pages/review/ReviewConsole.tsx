import { Text, View } from '@tarojs/components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ReviewApplicationDetail, ReviewQueue as Queue } from '@ucz/shared';
import { createReviewApi } from '@/api/review';
import { isSessionEnded } from '@/api/session';
import { useI18n } from '@/i18n/i18n';
import { Button } from '@/ui/nutui';
import { ApplicationDetail } from './ApplicationDetail';
import { DecisionPanel } from './DecisionPanel';
import { ReviewQueue } from './ReviewQueue';
import { StaffLogin } from './StaffLogin';
import '@/components/panel.css';
import './review.css';

type Screen =
  | { name: 'checking' }
  | { name: 'login' }
  | { name: 'queue' }
  | { name: 'detail'; application: ReviewApplicationDetail };

type Notice = { kind: 'success' | 'error'; text: string };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * 审核工作台 for operator staff: staff login, the queue by deadline, one application with
 * its documents, and the approve and reject decisions.
 */
export function ReviewConsole() {
  const { t } = useI18n();
  const api = useMemo(() => createReviewApi(t('common.networkError')), [t]);
  const [screen, setScreen] = useState<Screen>({ name: 'checking' });
  const [queue, setQueue] = useState<Queue>({ items: [], total: 0 });
  const [staffName, setStaffName] = useState<string>();
  const [notice, setNotice] = useState<Notice>();

  /** Reports a failed call. An ended session leads back to the staff login. */
  const fail = useCallback((error: unknown) => {
    if (isSessionEnded(error)) {
      setScreen({ name: 'login' });
      setNotice(undefined);
      return;
    }
    setNotice({ kind: 'error', text: messageOf(error) });
  }, []);

  const loadQueue = useCallback(async () => {
    try {
      setQueue(await api.queue());
      setScreen({ name: 'queue' });
    } catch (error) {
      fail(error);
    }
  }, [api, fail]);

  const start = useCallback(() => {
    api
      .me()
      .then(({ staff }) => {
        setStaffName(staff.username);
        return loadQueue();
      })
      .catch(fail);
  }, [api, loadQueue, fail]);

  useEffect(() => {
    start();
  }, [start]);

  const open = async (id: string) => {
    setNotice(undefined);
    try {
      setScreen({ name: 'detail', application: await api.application(id) });
    } catch (error) {
      fail(error);
    }
  };

  const logout = async () => {
    try {
      await api.logout();
    } finally {
      setScreen({ name: 'login' });
    }
  };

  const header = (
    <View className="panel__header">
      <Text className="panel__title">{t('review.title')}</Text>
      {staffName && screen.name !== 'login' && (
        <View className="review-console__staff">
          <Text className="hint">{staffName}</Text>
          <Button size="small" onClick={() => void logout()}>
            {t('centre.logout')}
          </Button>
        </View>
      )}
    </View>
  );

  return (
    <View className="review-console">
      {header}
      {notice && (
        <Text className={`notice notice--${notice.kind}`} data-notice={notice.kind}>
          {notice.text}
        </Text>
      )}
      {screen.name === 'checking' &&
        (notice ? (
          <Button
            onClick={() => {
              setNotice(undefined);
              start();
            }}
          >
            {t('common.retry')}
          </Button>
        ) : (
          <Text className="hint">{t('common.loading')}</Text>
        ))}
      {screen.name === 'login' && (
        <StaffLogin
          api={api}
          onLoggedIn={({ staff }) => {
            setStaffName(staff.username);
            void loadQueue();
          }}
        />
      )}
      {screen.name === 'queue' && (
        <ReviewQueue
          items={queue.items}
          total={queue.total}
          onOpen={(item) => void open(item.id)}
          onRefresh={() => void loadQueue()}
        />
      )}
      {screen.name === 'detail' && (
        <View className="panel">
          <Text className="link" onClick={() => void loadQueue()}>
            {t('review.back')}
          </Text>
          <ApplicationDetail application={screen.application} api={api} onDownloadFailed={fail} />
          {(screen.application.status === 'pending' ||
            screen.application.status === 'approving') && (
            <DecisionPanel
              api={api}
              application={screen.application}
              onDecided={(message) => {
                setNotice({ kind: 'success', text: message });
                void loadQueue();
              }}
              onError={(error) => {
                if (isSessionEnded(error)) fail(error);
              }}
            />
          )}
        </View>
      )}
    </View>
  );
}
