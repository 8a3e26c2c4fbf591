import { Text, View } from '@tarojs/components';
import { useEffect, useMemo, useState } from 'react';
import type { BoundAccount } from '@ucz/shared';
import { ApiError } from '@/api/http';
import { createMiniWechatApi } from '@/api/wechat-mini';
import { Facts } from '@/components/Facts';
import { WechatUserGate } from '@/components/WechatUserGate';
import { useI18n } from '@/i18n/i18n';
import { loginCodeSource } from '@/platform/login-code';
import { openPage } from '@/platform/navigation';
import { Button } from '@/ui/nutui';
import { setPendingBind } from '../wechat-bind/pending-bind';
import { ticketIdOfScene } from './scene';
import '@/components/panel.css';

type ScanState =
  | { status: 'scanning' }
  | { status: 'invalid' }
  | { status: 'failed'; message: string }
  | { status: 'bound'; account: BoundAccount; busy?: boolean; message?: string }
  | { status: 'confirmed' }
  | { status: 'cancelled' };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Unknown and expired tickets mean that the user has to scan a fresh code. */
function isInvalidTicket(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.status === 410);
}

function ScanTicket({ ticketId }: { ticketId: string }) {
  const { t, label } = useI18n();
  const api = useMemo(() => createMiniWechatApi(t('common.networkError')), [t]);
  const [state, setState] = useState<ScanState>({ status: 'scanning' });

  useEffect(() => {
    let active = true;
    const scan = async () => {
      try {
        const code = await loginCodeSource.getLoginCode();
        const result = await api.scan(ticketId, code);
        if (!active) return;
        if (result.bound) {
          setState({ status: 'bound', account: result.account });
          return;
        }
        setPendingBind({ bindTicket: result.bindTicket, scanTicketId: ticketId });
        openPage('wechatBind');
      } catch (error) {
        if (!active) return;
        setState(
          isInvalidTicket(error)
            ? { status: 'invalid' }
            : { status: 'failed', message: messageOf(error) },
        );
      }
    };
    void scan();
    return () => {
      active = false;
    };
  }, [api, ticketId]);

  const decide = async (decision: 'confirm' | 'cancel') => {
    if (state.status !== 'bound') return;
    setState({ ...state, busy: true, message: undefined });
    try {
      if (decision === 'confirm') await api.confirm(ticketId);
      else await api.cancel(ticketId);
      setState({ status: decision === 'confirm' ? 'confirmed' : 'cancelled' });
    } catch (error) {
      setState(
        isInvalidTicket(error)
          ? { status: 'invalid' }
          : { ...state, busy: false, message: messageOf(error) },
      );
    }
  };

  switch (state.status) {
    case 'scanning':
      return <Text className="hint">{t('scan.reading')}</Text>;
    case 'invalid':
      return <Text className="notice notice--error">{t('scan.invalid')}</Text>;
    case 'failed':
      return <Text className="notice notice--error">{state.message}</Text>;
    case 'confirmed':
      return <Text className="notice notice--success">{t('scan.confirmed')}</Text>;
    case 'cancelled':
      return <Text className="notice">{t('scan.cancelled')}</Text>;
    case 'bound':
      return (
        <View data-section="scan-confirm">
          <Text className="hint">{t('scan.prompt')}</Text>
          <Facts
            facts={[
              { name: 'username', label: label('username'), value: state.account.username },
              { name: 'name', label: label('name'), value: state.account.name },
              { name: 'company', label: t('centre.company'), value: state.account.companyName },
            ]}
          />
          {state.message && <Text className="notice notice--error">{state.message}</Text>}
          <View className="panel__actions">
            <Button type="primary" disabled={state.busy} onClick={() => void decide('confirm')}>
              {t('scan.confirm')}
            </Button>
            <Button disabled={state.busy} onClick={() => void decide('cancel')}>
              {t('scan.cancel')}
            </Button>
          </View>
        </View>
      );
  }
}

/**
 * Scan-login page (扫码登录) that the website's mini-program code opens, with the raw
 * `scene` launch option. A missing or malformed scene shows 二维码无效 and sends no
 * request. A bound WeChat user confirms (确认登录) or cancels (取消). An unbound one goes
 * on to 微信绑定账号, whose binding completes the website login.
 */
export function ScanConfirm({ scene }: { scene?: string }) {
  const { t } = useI18n();
  const ticketId = ticketIdOfScene(scene);
  return (
    <View className="panel panel--narrow">
      <Text className="panel__title">{t('scan.title')}</Text>
      {ticketId ? (
        <WechatUserGate>
          <ScanTicket ticketId={ticketId} />
        </WechatUserGate>
      ) : (
        <Text className="notice notice--error">{t('scan.invalid')}</Text>
      )}
    </View>
  );
}
