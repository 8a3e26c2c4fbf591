import { Text, View } from '@tarojs/components';
import { PageShell } from '@/components/PageShell';
import { useI18n } from '@/i18n/i18n';
import { openPage } from '@/platform/navigation';
import { Button } from '@/ui/nutui';
import './index.css';

/** The home page: what the zone is, with the way into certification and its query. */
export default function HomePage() {
  const { t } = useI18n();
  return (
    <PageShell current="home">
      <View className="home">
        <Text className="home__headline">{t('home.headline')}</Text>
        <Text className="home__intro">{t('home.intro')}</Text>
        <View className="home__cards">
          <View className="home__card">
            <Text className="home__card-title">{t('nav.certify')}</Text>
            <Text className="home__card-text">{t('home.certifyCard')}</Text>
            <Button type="primary" onClick={() => openPage('certification')}>
              {t('nav.certify')}
            </Button>
          </View>
          <View className="home__card">
            <Text className="home__card-title">{t('nav.progress')}</Text>
            <Text className="home__card-text">{t('home.progressCard')}</Text>
            <Button onClick={() => openPage('progress')}>{t('nav.progress')}</Button>
          </View>
        </View>
      </View>
    </PageShell>
  );
}
