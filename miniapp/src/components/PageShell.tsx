import { Text, View } from '@tarojs/components';
import type { PropsWithChildren } from 'react';
import { locales } from '@ucz/shared';
import { localeNames } from '@ucz/shared';
import { useI18n } from '@/i18n/i18n';
import { openPage } from '@/platform/navigation';
import type { PageName } from '@/platform/navigation';
import { useAccountName } from '@/ui/account-name';
import './page-shell.css';

const navigation: {
  page: PageName;
  key: 'nav.certify' | 'nav.progress' | 'nav.login' | 'nav.wechatLogin';
}[] = [
  { page: 'certification', key: 'nav.certify' },
  { page: 'progress', key: 'nav.progress' },
  { page: 'login', key: 'nav.login' },
  { page: 'wechatLogin', key: 'nav.wechatLogin' },
];

/** The frame of every page: the title, the links at the top right and the language switch. */
export function PageShell({ children, current }: PropsWithChildren<{ current?: PageName }>) {
  const { t, locale, setLocale } = useI18n();
  // Remembered at login and forgotten at logout, so the header can lead back to the account.
  const accountName = useAccountName();
  return (
    <View className="page-shell">
      <View className="page-shell__header">
        <Text className="page-shell__title" onClick={() => openPage('home')}>
          {t('app.title')}
        </Text>
        <View className="page-shell__nav">
          {navigation.map((item) => (
            <Text
              key={item.page}
              className={`page-shell__link${current === item.page ? ' page-shell__link--current' : ''}`}
              onClick={() => openPage(item.page)}
            >
              {t(item.key)}
            </Text>
          ))}
          {accountName && (
            <Text
              className={`page-shell__link${current === 'account' ? ' page-shell__link--current' : ''}`}
              onClick={() => openPage('account')}
            >
              {`${t('nav.accountCentre')} (${accountName})`}
            </Text>
          )}
          <View className="page-shell__languages" aria-label={t('nav.language')}>
            {locales.map((option) => (
              <Text
                key={option}
                className={`page-shell__language${option === locale ? ' page-shell__language--current' : ''}`}
                onClick={() => setLocale(option)}
              >
                {localeNames[option]}
              </Text>
            ))}
          </View>
        </View>
      </View>
      <View className="page-shell__body">{children}</View>
      <View className="page-shell__footer">
        <Text>{t('app.hotline')}</Text>
      </View>
    </View>
  );
}
