import { Text, View } from '@tarojs/components';
import type { UiMessageKey } from '@ucz/shared';
import { useI18n } from '@/i18n/i18n';
import { openPage } from '@/platform/navigation';
import { Button } from '@/ui/nutui';

/** A page whose function is not built yet: its title, a notice and the way home. */
export function ComingSoon({ titleKey }: { titleKey: UiMessageKey }) {
  const { t } = useI18n();
  return (
    <View className="wizard-status">
      <Text className="home__card-title">{t(titleKey)}</Text>
      <Text>{t('common.comingSoon')}</Text>
      <Button onClick={() => openPage('home')}>{t('common.backHome')}</Button>
    </View>
  );
}
