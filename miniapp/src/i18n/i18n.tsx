import { createContext, useCallback, useContext, useMemo, useState } from 'react';
import type { PropsWithChildren } from 'react';
import { defaultLocale, fieldLabel, isLocale, uiMessage } from '@ucz/shared';
import type { Locale, UiMessageKey } from '@ucz/shared';
import { setRequestLocale } from '@/api/http';
import { readStored, storageKeys, writeStored } from '@/platform/storage';

export interface I18n {
  locale: Locale;
  /** Switches the language and remembers it for the next visit. */
  setLocale: (locale: Locale) => void;
  /** A string of the shared catalogue with its `{name}` placeholders filled in. */
  t: (key: UiMessageKey, values?: Record<string, string | number>) => string;
  /** The guide's label of a form field, such as 公司全称 for `fullName`. */
  label: (field: string) => string;
}

const I18nContext = createContext<I18n | undefined>(undefined);

/** Returns the remembered language, or Simplified Chinese. */
export function initialLocale(): Locale {
  const stored = readStored(storageKeys.locale);
  return isLocale(stored) ? stored : defaultLocale;
}

export function I18nProvider({
  children,
  locale: fixedLocale,
}: PropsWithChildren<{ locale?: Locale }>) {
  const [locale, setLocaleState] = useState<Locale>(() => fixedLocale ?? initialLocale());
  setRequestLocale(locale);

  const setLocale = useCallback((next: Locale) => {
    writeStored(storageKeys.locale, next);
    setRequestLocale(next);
    setLocaleState(next);
  }, []);

  const value = useMemo<I18n>(
    () => ({
      locale,
      setLocale,
      t: (key, values) => uiMessage(locale, key, values),
      label: (field) => fieldLabel(field, locale),
    }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n() needs an <I18nProvider> above it');
  return i18n;
}
