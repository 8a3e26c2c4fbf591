import { Text, View } from '@tarojs/components';
import { useEffect, useMemo, useState } from 'react';
import type { BindingView } from '@ucz/shared';
import { createWechatApi } from '@/api/wechat';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { Facts } from '@/components/Facts';
import { useI18n } from '@/i18n/i18n';
import { formatDateTime } from '@/ui/format';
import { Button } from '@/ui/nutui';

type SectionState =
  | { status: 'loading' }
  | { status: 'ready'; binding: BindingView; notice?: string }
  | { status: 'failed'; message: string };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * 微信绑定 in the account centre: whether a WeChat user is bound to this account (GET
 * /api/wechat/binding), and 解绑 after a confirmation (DELETE /api/wechat/binding).
 * `onError` receives failed calls, so that an ended session switches the page to the login.
 */
export function WechatBindingSection({ onError }: { onError: (error: unknown) => void }) {
  const { t, locale } = useI18n();
  const api = useMemo(() => createWechatApi(t('common.networkError')), [t]);
  const [state, setState] = useState<SectionState>({ status: 'loading' });
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    let active = true;
    api.binding().then(
      (binding) => {
        if (active) setState({ status: 'ready', binding });
      },
      (error: unknown) => {
        if (!active) return;
        setState({ status: 'failed', message: messageOf(error) });
        onError(error);
      },
    );
    return () => {
      active = false;
    };
  }, [api, onError]);

  const unbind = async () => {
    try {
      await api.unbind();
      setState({ status: 'ready', binding: { bound: false }, notice: t('centre.wechatUnbound') });
    } catch (error) {
      setState({ status: 'failed', message: messageOf(error) });
      onError(error);
    } finally {
      setConfirming(false);
    }
  };

  return (
    <View className="panel" data-section="wechat">
      <Text className="panel__subtitle">{t('centre.wechat')}</Text>
      {state.status === 'loading' && <Text className="hint">{t('common.loading')}</Text>}
      {state.status === 'failed' && <Text className="notice notice--error">{state.message}</Text>}
      {state.status === 'ready' && state.notice && <Text className="notice">{state.notice}</Text>}
      {state.status === 'ready' && !state.binding.bound && (
        <>
          <Text className="hint">{t('centre.wechatNotBound')}</Text>
          <Text className="hint">{t('centre.wechatHint')}</Text>
        </>
      )}
      {state.status === 'ready' && state.binding.bound && (
        <>
          <Facts
            facts={[
              {
                name: 'wechatAccount',
                label: t('centre.wechatBoundAs'),
                value: `${state.binding.account.name} (${state.binding.account.username})`,
              },
              {
                name: 'wechatBoundAt',
                label: t('centre.wechatBoundAt'),
                value: formatDateTime(state.binding.boundAt, locale),
              },
            ]}
          />
          <View className="panel__actions">
            <Button onClick={() => setConfirming(true)}>{t('centre.wechatUnbind')}</Button>
          </View>
        </>
      )}
      <ConfirmDialog
        visible={confirming}
        title={t('centre.wechatUnbindTitle')}
        content={t('centre.wechatUnbindConfirm')}
        onConfirm={unbind}
        onClose={() => setConfirming(false)}
      />
    </View>
  );
}
