import { Image, Text, View } from '@tarojs/components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ScanTicketState } from '@ucz/shared';
import { createWechatApi } from '@/api/wechat';
import { useI18n } from '@/i18n/i18n';
import { openPage, pagePaths } from '@/platform/navigation';
import { rememberAccountName } from '@/ui/account-name';
import { Button } from '@/ui/nutui';
import { watchScanTicket } from './watch-ticket';
import '@/components/panel.css';
import './scan-login.css';

type Ticket = { ticketId: string; image: string; state: ScanTicketState };

type PageState =
  | { status: 'creating' }
  | { status: 'failed'; message: string }
  | { status: 'ticket'; ticket: Ticket; notice?: string };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Opens the mini-program's scan page for `ticketId` in a new tab, as a simulated WeChat user. */
function SimulatorScanLink({ ticketId }: { ticketId: string }) {
  const { t } = useI18n();
  const url = `${pagePaths.scanLogin}?scene=${encodeURIComponent(ticketId)}`;
  return (
    <Text
      className="link scan-login__simulator"
      data-url={url}
      onClick={() => window.open(url, '_blank', 'noopener')}
    >
      {t('wechatLogin.simulatorScan')}
    </Text>
  );
}

/**
 * 微信登录 on the website: shows the mini-program code of a new scan ticket and its state
 * as it changes. Once the WeChat user confirms, the page collects the session and opens
 * the account centre. Cancelled and expired codes offer 刷新二维码, which creates a new ticket.
 */
export function ScanLogin({
  pollMs,
  simulator = false,
}: {
  pollMs?: number;
  /** Shows a link that opens the scan page in another tab, for simulator mode. */
  simulator?: boolean;
}) {
  const { t } = useI18n();
  const api = useMemo(() => createWechatApi(t('common.networkError')), [t]);
  const [page, setPage] = useState<PageState>({ status: 'creating' });
  // Bumping the generation creates a new ticket (刷新二维码 and retry).
  const [generation, setGeneration] = useState(0);
  const refresh = useCallback(() => setGeneration((value) => value + 1), []);

  useEffect(() => {
    let active = true;
    let stopWatching: (() => void) | undefined;
    setPage({ status: 'creating' });

    const collect = async (ticketId: string) => {
      try {
        const result = await api.collectSession(ticketId);
        if (!active) return;
        rememberAccountName(result.account.username);
        openPage('account');
      } catch (error) {
        if (active)
          setPage((current) =>
            current.status === 'ticket' ? { ...current, notice: messageOf(error) } : current,
          );
      }
    };

    void api.createScanTicket().then(
      (created) => {
        if (!active) return;
        const ticket: Ticket = {
          ticketId: created.ticketId,
          image: created.image,
          state: created.state,
        };
        setPage({ status: 'ticket', ticket });
        stopWatching = watchScanTicket({
          ticketId: created.ticketId,
          read: api.scanTicket,
          pollMs,
          onState: (view) => {
            if (!active) return;
            setPage((current) =>
              current.status === 'ticket'
                ? { status: 'ticket', ticket: { ...current.ticket, state: view.state } }
                : current,
            );
            if (view.state === 'confirmed') void collect(view.ticketId);
          },
          onError: (error) => {
            if (!active) return;
            setPage((current) =>
              current.status === 'ticket' ? { ...current, notice: messageOf(error) } : current,
            );
          },
        });
      },
      (error: unknown) => {
        if (active) setPage({ status: 'failed', message: messageOf(error) });
      },
    );

    return () => {
      active = false;
      stopWatching?.();
    };
  }, [api, generation, pollMs]);

  if (page.status === 'creating')
    return (
      <View className="panel panel--narrow scan-login">
        <Text className="panel__title">{t('wechatLogin.title')}</Text>
        <Text className="hint">{t('common.loading')}</Text>
      </View>
    );

  if (page.status === 'failed')
    return (
      <View className="panel panel--narrow scan-login">
        <Text className="panel__title">{t('wechatLogin.title')}</Text>
        <Text className="notice notice--error">{page.message}</Text>
        <Button onClick={refresh}>{t('common.retry')}</Button>
      </View>
    );

  const { ticket, notice } = page;
  // A confirmed ticket whose session could not be collected needs a new code as well.
  const ended =
    ticket.state === 'cancelled' ||
    ticket.state === 'expired' ||
    (ticket.state === 'confirmed' && notice !== undefined);
  return (
    <View className="panel panel--narrow scan-login" data-state={ticket.state}>
      <Text className="panel__title">{t('wechatLogin.title')}</Text>
      <Text className="hint">{t('wechatLogin.hint')}</Text>
      <View className={`scan-login__code${ended ? ' scan-login__code--ended' : ''}`}>
        <Image
          className="scan-login__image"
          src={ticket.image}
          mode="aspectFit"
          aria-label={t('wechatLogin.codeAlt')}
        />
      </View>
      <Text className="scan-login__state" data-testid="scan-state">
        {t(`wechatLogin.state.${ticket.state}`)}
      </Text>
      {notice && <Text className="notice notice--error">{notice}</Text>}
      {simulator && !ended && <SimulatorScanLink ticketId={ticket.ticketId} />}
      {ended && (
        <Button type="primary" onClick={refresh}>
          {t('wechatLogin.refresh')}
        </Button>
      )}
    </View>
  );
}
