/** Languages the product speaks. Simplified Chinese is the default. */
export const locales = ['zh-CN', 'zh-HK', 'en'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'zh-CN';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** Maps one language tag (`zh-TW`, `zh-Hant-HK`, `en-GB`, ...) to a supported locale. */
export function matchLocale(tag: string): Locale | undefined {
  const lower = tag.trim().toLowerCase();
  if (lower === '' || lower === '*') return undefined;
  if (lower.startsWith('en')) return 'en';
  if (!lower.startsWith('zh')) return undefined;
  // Traditional script or a region that writes it.
  if (/^zh-(hant|hk|tw|mo)\b/.test(lower)) return 'zh-HK';
  return 'zh-CN';
}

/**
 * Picks the locale for an `Accept-Language` header value, honouring q-weights.
 * Falls back to Simplified Chinese.
 */
export function negotiateLocale(acceptLanguage: string | undefined | null): Locale {
  if (!acceptLanguage) return defaultLocale;
  const ranked = acceptLanguage
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.split(';');
      const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const q = qParam ? Number(qParam.slice(2)) : 1;
      return { tag, q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const entry of ranked) {
    const locale = matchLocale(entry.tag);
    if (locale) return locale;
  }
  return defaultLocale;
}
