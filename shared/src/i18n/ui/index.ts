import { formatMessage } from '../../errors/messages';
import type { Locale } from '../locales';
import { en } from './en';
import { zhCN } from './zh-CN';
import type { UiCatalogue, UiMessageKey } from './zh-CN';
import { zhHK } from './zh-HK';

export type { UiCatalogue, UiMessageKey };

/** Visible strings of the mini-program and website, per locale. */
export const uiMessages: Record<Locale, UiCatalogue> = { 'zh-CN': zhCN, 'zh-HK': zhHK, en };

/** Name of each locale in its own language, for the language switch. */
export const localeNames: Record<Locale, string> = {
  'zh-CN': '简体中文',
  'zh-HK': '繁體中文',
  en: 'English',
};

/** Returns the string `key` in `locale`, with its `{name}` placeholders filled in. */
export function uiMessage(
  locale: Locale,
  key: UiMessageKey,
  values?: Record<string, string | number>,
): string {
  return formatMessage(uiMessages[locale][key], values);
}
