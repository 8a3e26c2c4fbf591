import { Text, View } from '@tarojs/components';
import { useCallback, useEffect, useState } from 'react';
import type { CompanyAccountView } from '@ucz/shared';
import type { CompanyApi, LinkSentResult } from '@/api/company';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { useI18n } from '@/i18n/i18n';
import { joinSentences } from '@/ui/format';
import { Button } from '@/ui/nutui';
import { AccountForm } from './AccountForm';
import { AccountRow } from './AccountRow';
import type { AccountAction } from './AccountRow';
import { PermissionsForm } from './PermissionsForm';

const pageSize = 50;

type StatusFilter = 'all' | 'active' | 'disabled';
type Editing =
  | { kind: 'add' }
  | { kind: 'edit'; account: CompanyAccountView }
  | { kind: 'permissions'; account: CompanyAccountView };
type Confirming = { action: 'disable' | 'enable' | 'reset'; account: CompanyAccountView };
type Notice = { kind: 'success' | 'error'; text: string };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** 账号列表 with 新增, 编辑, 禁用/启用 (confirmed), 权限管理 and 重置密码 (confirmed). */
export function AccountsPanel({
  api,
  selfId,
  onError,
}: {
  api: CompanyApi;
  /** The logged-in admin's own account id, marked 本人 in the list. */
  selfId: string;
  onError: (error: unknown) => void;
}) {
  const { t, locale } = useI18n();
  const [filter, setFilter] = useState<StatusFilter>('all');
  const [accounts, setAccounts] = useState<CompanyAccountView[]>([]);
  const [total, setTotal] = useState(0);
  const [loading, setLoading] = useState(true);
  const [editing, setEditing] = useState<Editing>();
  const [confirming, setConfirming] = useState<Confirming>();
  const [notice, setNotice] = useState<Notice>();

  const fetchPage = useCallback(
    (offset: number) =>
      api.listAccounts({
        limit: pageSize,
        offset,
        ...(filter === 'all' ? {} : { status: filter }),
      }),
    [api, filter],
  );

  useEffect(() => {
    let cancelled = false;
    fetchPage(0).then(
      (page) => {
        if (cancelled) return;
        setAccounts(page.accounts);
        setTotal(page.total);
        setLoading(false);
      },
      (error: unknown) => {
        if (cancelled) return;
        setNotice({ kind: 'error', text: messageOf(error) });
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
      const page = await fetchPage(accounts.length);
      setAccounts((current) => [...current, ...page.accounts]);
      setTotal(page.total);
    } catch (error) {
      setNotice({ kind: 'error', text: messageOf(error) });
      onError(error);
    } finally {
      setLoading(false);
    }
  };

  const changeFilter = (value: StatusFilter) => {
    if (value === filter) return;
    setLoading(true);
    setAccounts([]);
    setFilter(value);
  };

  const replace = (account: CompanyAccountView) =>
    setAccounts((current) => current.map((entry) => (entry.id === account.id ? account : entry)));

  const linkNotice = (result: LinkSentResult, lead?: string): Notice => {
    const link = result.linkSent
      ? t('admin.linkSent', { email: result.sentTo })
      : t('admin.linkNotSent');
    return {
      kind: result.linkSent ? 'success' : 'error',
      text: joinSentences(locale, lead ? [lead, link] : [link]),
    };
  };

  const run = async (work: () => Promise<Notice>) => {
    try {
      setNotice(await work());
    } catch (error) {
      setNotice({ kind: 'error', text: messageOf(error) });
      onError(error);
    }
  };

  const act = (action: AccountAction, account: CompanyAccountView) => {
    setNotice(undefined);
    if (action === 'edit' || action === 'permissions') setEditing({ kind: action, account });
    else if (action === 'resend') {
      void run(async () => {
        const result = await api.resendActivation(account.id);
        replace(result.account);
        return linkNotice(result);
      });
    } else setConfirming({ action, account });
  };

  const confirmed = async () => {
    if (!confirming) return;
    const { action, account } = confirming;
    await run(async () => {
      if (action === 'reset') {
        const result = await api.resetPassword(account.id);
        replace(result.account);
        return linkNotice(result);
      }
      const changed =
        action === 'disable'
          ? (await api.disable(account.id)).account
          : (await api.enable(account.id)).account;
      replace(changed);
      const key = action === 'disable' ? 'admin.disabled' : 'admin.enabled';
      return { kind: 'success', text: t(key, { username: account.username }) };
    });
  };

  const confirmText = (value: Confirming) => {
    const values = { username: value.account.username };
    if (value.action === 'disable') return t('admin.confirmDisable', values);
    if (value.action === 'enable') return t('admin.confirmEnable', values);
    return t('admin.confirmReset', values);
  };
  const confirmTitle = (value: Confirming) =>
    value.action === 'disable'
      ? t('admin.disable')
      : value.action === 'enable'
        ? t('admin.enable')
        : t('admin.resetPassword');

  const filterTab = (value: StatusFilter, text: string) => (
    <Text
      className={`tabs__tab${filter === value ? ' tabs__tab--current' : ''}`}
      onClick={() => changeFilter(value)}
    >
      {text}
    </Text>
  );

  const finishEditing = (result: Notice) => {
    setEditing(undefined);
    setNotice(result);
  };

  return (
    <View className="accounts-panel">
      {notice && (
        <Text className={`notice notice--${notice.kind}`} data-notice={notice.kind}>
          {notice.text}
        </Text>
      )}
      {editing?.kind === 'add' && (
        <AccountForm
          api={api}
          onCreated={(result) => {
            setAccounts((current) => [...current, result.account]);
            setTotal((current) => current + 1);
            finishEditing(
              linkNotice(result, t('admin.created', { username: result.account.username })),
            );
          }}
          onSaved={() => undefined}
          onCancel={() => setEditing(undefined)}
          onError={onError}
        />
      )}
      {editing?.kind === 'edit' && (
        <AccountForm
          api={api}
          account={editing.account}
          onCreated={() => undefined}
          onSaved={(account) => {
            replace(account);
            finishEditing({ kind: 'success', text: t('admin.saved') });
          }}
          onCancel={() => setEditing(undefined)}
          onError={onError}
        />
      )}
      {editing?.kind === 'permissions' && (
        <PermissionsForm
          api={api}
          account={editing.account}
          onSaved={(account) => {
            replace(account);
            finishEditing({ kind: 'success', text: t('admin.saved') });
          }}
          onCancel={() => setEditing(undefined)}
          onError={onError}
        />
      )}

      <View className="panel">
        <View className="panel__header">
          <View className="tabs">
            {filterTab('all', t('admin.filterAll'))}
            {filterTab('active', t('admin.statusActive'))}
            {filterTab('disabled', t('admin.statusDisabled'))}
          </View>
          <Button type="primary" size="small" onClick={() => setEditing({ kind: 'add' })}>
            {t('admin.add')}
          </Button>
        </View>
        {!loading && accounts.length === 0 && <Text className="hint">{t('admin.none')}</Text>}
        {accounts.map((account) => (
          <AccountRow
            key={account.id}
            account={account}
            isSelf={account.id === selfId}
            onAction={act}
          />
        ))}
        {loading && <Text className="hint">{t('common.loading')}</Text>}
        {!loading && accounts.length < total && (
          <Button size="small" onClick={() => void loadMore()}>
            {t('common.loadMore')}
          </Button>
        )}
      </View>

      <ConfirmDialog
        visible={confirming !== undefined}
        title={confirming ? confirmTitle(confirming) : ''}
        content={confirming ? confirmText(confirming) : ''}
        onConfirm={confirmed}
        onClose={() => setConfirming(undefined)}
      />
    </View>
  );
}
