import { Text, View } from '@tarojs/components';
import type { PageName } from '@/platform/navigation';
import { openPage } from '@/platform/navigation';
import { useI18n } from '@/i18n/i18n';
import { Button } from '@/ui/nutui';
import '@/components/panel.css';

/** Shown when a page needs a login that is missing or has ended: the notice and the way to log in. */
export function SessionEnded({ loginPage = 'login' }: { loginPage?: PageName }) {
  const { t } = useI18n();
  return (
    <View className="panel panel--narrow" data-state="session-ended">
      <Text className="notice notice--info">{t('centre.sessionEnded')}</Text>
      <Button type="primary" onClick={() => openPage(loginPage)}>
        {t('nav.login')}
      </Button>
    </View>
  );
}
