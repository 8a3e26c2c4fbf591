import { uiMessage } from '@ucz/shared';
import type { Locale } from '@ucz/shared';

/** Beijing time (Asia/Shanghai) is UTC+8 all year: China has kept no daylight saving since 1991. */
const beijingOffsetMs = 8 * 60 * 60 * 1000;

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * Formats an ISO timestamp in Beijing time (Asia/Shanghai), the zone of application numbers
 * and deadlines, as `YYYY-MM-DD HH:mm` with the zone named in the user's language, such as
 * 2026-12-05 05:45（北京时间） or 2026-12-05 05:45 (Beijing time). The numeric date reads
 * the same in every language, and the offset is applied by hand so the result does not
 * depend on the device's zone or on the time-zone data of the mini-program's engine.
 */
export function formatDateTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const beijing = new Date(date.getTime() + beijingOffsetMs);
  const time =
    `${beijing.getUTCFullYear()}-${pad(beijing.getUTCMonth() + 1)}-${pad(beijing.getUTCDate())} ` +
    `${pad(beijing.getUTCHours())}:${pad(beijing.getUTCMinutes())}`;
  return uiMessage(locale, 'common.beijingTime', { time });
}
/** Formats a file size in KB below one megabyte and in MB with one decimal above. */
export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Joins sentences as the language writes them: with a space in English, directly in Chinese. */
export function joinSentences(locale: Locale, sentences: readonly string[]): string {
  return sentences.join(locale === 'en' ? ' ' : '');
}
