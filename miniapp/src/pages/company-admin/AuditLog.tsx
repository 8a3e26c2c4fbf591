import { Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import { uiMessages } from '@ucz/shared';
import type { AuditEntryView, AuditPartyView, UiMessageKey } from '@ucz/shared';
import type { CompanyApi } from '@/api/company';
import { useI18n } from '@/i18n/i18n';
import { formatDateTime } from '@/ui/format';
import { Button, Tag } from '@/ui/nutui';

const pageSize = 50;

function isUiMessageKey(key: string): key is UiMessageKey {
  return Object.prototype.hasOwnProperty.call(uiMessages['zh-CN'], key);
}

/** 操作日志: the company's audit entries, newest first. */
export function AuditLog({ api, onError }: { api: CompanyApi; onError: (error: unknown) => void }) {
  const { t, locale } = useI18n();
  const [entries, setEntries] = useState<AuditEntryView[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(true);
  const [failure, setFailure] = useState<string>();

  const fetchPage = useCallback(
    (offset: number) => api.auditLog({ limit: pageSize, offset }),
    [api],
  );

  useEffect(() => {
    let cancelled = false;
    fetchPage(0).then(
      (page) => {
        if (cancelled) return;
        setEntries(page.entries);
        setTotal(page.total);
        setLoading(false);
      },
      (error: unknown) => {
        if (cancelled) return;
        setFailure(error instanceof Error ? error.message : String(error));
        setLoading(false);
        onError(error);
      },
    );
    return () => {
      cancelled = true;
    };
  }, [fetchPage, onError]);

  const loadMore = async () => {
    setLoading(true);
    try {
      const page = await fetchPage(entries.length);
      setEntries((current) => [...current, ...page.entries]);
      setTotal(page.total);
    } catch (error) {
      setFailure(error instanceof Error ? error.message : String(error));
      onError(error);
    } finally {
      setLoading(false);
    }
  };

  // Actions added to the backend later show their code until the catalogue names them.
  const actionName = (action: string) => {
    const key = `audit.${action}`;
    return isUiMessageKey(key) ? t(key) : action;
  };
  // The server resolves `name` when the log is read; `label` is the name stored with the entry.
  const partyName = (party: AuditPartyView): string => {
    if (party.type === 'system') return t('admin.auditSystem');
    if (party.type === 'anonymous') return party.label ?? t('admin.auditAnonymous');
    if (party.type === 'staff') {
      if (!party.name) return t('admin.auditStaff');
      const key =
        party.staffRole === 'operator_admin' ? 'admin.auditOperatorAdmin' : 'admin.auditReviewer';
      return t(key, { name: party.name });
    }
    return party.name ?? party.label ?? party.id ?? party.type;
  };

  return (
    <View className="panel audit-log">
      {failure && <Text className="notice notice--error">{failure}</Text>}
      {!loading && !failure && entries.length === 0 && (
        <Text className="hint">{t('admin.auditNone')}</Text>
      )}
      {entries.map((entry) => (
        <View key={entry.id} className="audit-entry" data-action={entry.action}>
          <Text className="audit-entry__time">{formatDateTime(entry.at, locale)}</Text>
          <Text className="audit-entry__action">{actionName(entry.action)}</Text>
          {entry.outcome === 'failure' && <Tag type="danger">{t('admin.auditFailed')}</Tag>}
          <Text className="audit-entry__detail">{`${t('admin.auditActor')}: ${partyName(entry.actor)}`}</Text>
          {entry.target && (
            <Text className="audit-entry__detail">
              {`${t('admin.auditTarget')}: ${partyName(entry.target)}`}
            </Text>
          )}
          {entry.ip && (
            <Text className="audit-entry__detail">{`${t('admin.auditIp')}: ${entry.ip}`}</Text>
          )}
        </View>
      ))}
      {loading && <Text className="hint">{t('common.loading')}</Text>}
      {!loading && entries.length < total && (
        <Button size="small" onClick={() => void loadMore()}>
          {t('common.loadMore')}
        </Button>
      )}
    </View>
  );
}
