import { Text, View } from '@tarojs/components';
import { useI18n } from '@/i18n/i18n';
import { Button } from '@/ui/nutui';
import { SessionEnded } from './SessionEnded';
import type { Loaded } from './use-loaded';

export interface LoadStatusProps {
  state: Exclude<Loaded<unknown>, { status: 'ready' }>;
  reload: () => void;
  /** Handler of an ended session; when set, the parent shows that state and this shows nothing. */
  onSessionEnded?: () => void;
}

/** Renders a list's state while its data is not ready: loading, session ended, or the error with 重试. */
export function LoadStatus({ state, reload, onSessionEnded }: LoadStatusProps) {
  const { t } = useI18n();
  if (state.status === 'loading') return <Text className="hint">{t('common.loading')}</Text>;
  if (state.status === 'ended') return onSessionEnded ? null : <SessionEnded />;
  return (
    <View data-state="failed">
      <Text className="notice notice--error">{state.message}</Text>
      <Button onClick={reload}>{t('common.retry')}</Button>
    </View>
  );
}
