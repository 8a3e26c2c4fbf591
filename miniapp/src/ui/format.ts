import type { Locale } from '@ucz/shared';

/** Formats an ISO timestamp as a local date and time in the user's language. */
export function formatDateTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(locale === 'en' ? 'en-GB' : locale, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  });
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
