import { Text, View } from '@tarojs/components';
import { useEffect, useMemo, useState } from 'react';
import type { BindingView } from '@ucz/shared';
import { createMiniWechatApi } from '@/api/wechat-mini';
import { ConfirmDialog } from '@/components/ConfirmDialog';
import { Facts } from '@/components/Facts';
import { WechatUserGate } from '@/components/WechatUserGate';
import { useI18n } from '@/i18n/i18n';
import { loginCodeSource } from '@/platform/login-code';
import { openPage } from '@/platform/navigation';
import { formatDateTime } from '@/ui/format';
import { Button } from '@/ui/nutui';
import '@/components/panel.css';

type ProfileState =
  | { status: 'loading' }
  | { status: 'ready'; binding: BindingView; notice?: string; error?: string }
  | { status: 'failed'; message: string };

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function BoundAccountView() {
  const { t, label, locale } = useI18n();
  const api = useMemo(() => createMiniWechatApi(t('common.networkError')), [t]);
  const [state, setState] = useState<ProfileState>({ status: 'loading' });
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    let active = true;
    const load = async () => {
      try {
        const login = await api.login(await loginCodeSource.getLoginCode());
        const binding: BindingView = login.bound ? await api.binding() : { bound: false };
        if (active) setState({ status: 'ready', binding });
      } catch (error) {
        if (active) setState({ status: 'failed', message: messageOf(error) });
      }
    };
    void load();
    return () => {
      active = false;
    };
  }, [api]);

  const unbind = async () => {
    try {
      await api.unbind();
      setState({ status: 'ready', binding: { bound: false }, notice: t('profile.unbound') });
    } catch (error) {
      setState((current) =>
        current.status === 'ready' ? { ...current, error: messageOf(error) } : current,
      );
    } finally {
      setConfirming(false);
    }
  };

  if (state.status === 'loading') return <Text className="hint">{t('common.loading')}</Text>;
  if (state.status === 'failed')
    return <Text className="notice notice--error">{state.message}</Text>;

  const { binding } = state;
  return (
    <View data-section="profile">
      {state.notice && <Text className="notice notice--success">{state.notice}</Text>}
      {state.error && <Text className="notice notice--error">{state.error}</Text>}
      {binding.bound ? (
        <>
          <Facts
            facts={[
              { name: 'username', label: label('username'), value: binding.account.username },
              { name: 'name', label: label('name'), value: binding.account.name },
              { name: 'company', label: t('centre.company'), value: binding.account.companyName },
              {
                name: 'boundAt',
                label: t('centre.wechatBoundAt'),
                value: formatDateTime(binding.boundAt, locale),
              },
            ]}
          />
          <View className="panel__actions">
            <Button onClick={() => openPage('applications')}>{t('centre.applications')}</Button>
            <Button onClick={() => openPage('notifications')}>{t('centre.notifications')}</Button>
            <Button onClick={() => setConfirming(true)}>{t('profile.unbind')}</Button>
          </View>
        </>
      ) : (
        <>
          <Text className="hint">{t('profile.notBound')}</Text>
          <View className="panel__actions">
            <Button type="primary" onClick={() => openPage('wechatBind')}>
              {t('bind.title')}
            </Button>
          </View>
        </>
      )}
      <ConfirmDialog
        visible={confirming}
        title={t('profile.unbindTitle')}
        content={t('profile.unbindConfirm')}
        onConfirm={unbind}
        onClose={() => setConfirming(false)}
      />
    </View>
  );
}

/** 个人信息: the account that this WeChat user is bound to, with 解绑 after a confirmation. */
export function Profile() {
  const { t } = useI18n();
  return (
    <View className="panel panel--narrow">
      <Text className="panel__title">{t('profile.title')}</Text>
      <WechatUserGate>
        <BoundAccountView />
      </WechatUserGate>
    </View>
  );
}
