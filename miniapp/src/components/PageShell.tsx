import { Text, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import type { PropsWithChildren } from 'react';
import { locales } from '@ucz/shared';
import { localeNames } from '@ucz/shared';
import { createAuthApi } from '@/api/auth';
import { useI18n } from '@/i18n/i18n';
import { openPage } from '@/platform/navigation';
import type { PageName } from '@/platform/navigation';
import { KeepNumbers } from './KeepNumbers';
import { rememberAccountName, useAccountName } from '@/ui/account-name';
import './page-shell.css';

const navigation: {
  page: PageName;
  key: 'nav.certify' | 'nav.progress' | 'nav.login' | 'nav.wechatLogin';
  /** Login links make no sense while a session exists, so they are shown only without one. */
  loggedOutOnly?: boolean;
}[] = [
  { page: 'certification', key: 'nav.certify' },
  { page: 'progress', key: 'nav.progress' },
  { page: 'login', key: 'nav.login', loggedOutOnly: true },
  { page: 'wechatLogin', key: 'nav.wechatLogin', loggedOutOnly: true },
];

/** The frame of every page: the title, the links at the top right and the language switch. */
export function PageShell({ children, current }: PropsWithChildren<{ current?: PageName }>) {
  const { t, locale, setLocale } = useI18n();
  // Remembered at login and forgotten at logout, so the header can lead back to the account.
  const accountName = useAccountName();
  const authApi = useMemo(() => createAuthApi(t('common.networkError')), [t]);
  const [loggingOut, setLoggingOut] = useState(false);

  /** Ends the session (退出) and forgets the name, also when the server cannot be reached. */
  const logout = async () => {
    if (loggingOut) return;
    setLoggingOut(true);
    try {
      await authApi.logout();
    } catch {
      // AuthApi.logout forgets the session on this device whether or not the request succeeded.
    } finally {
      setLoggingOut(false);
      rememberAccountName(undefined);
      openPage('login');
    }
  };
  return (
    <View className="page-shell">
      <View className="page-shell__header">
        <Text className="page-shell__title" onClick={() => openPage('home')}>
          {t('app.title')}
        </Text>
        <View className="page-shell__nav">
          {navigation
            .filter((item) => !(accountName && item.loggedOutOnly))
            .map((item) => (
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
          {accountName && (
            <Text
              className="page-shell__link page-shell__logout"
              data-action="logout"
              onClick={() => void logout()}
            >
              {t('centre.logout')}
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
        <Text>
          <KeepNumbers text={t('app.hotline')} />
        </Text>
      </View>
    </View>
  );
}
