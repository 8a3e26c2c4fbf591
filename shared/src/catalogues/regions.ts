import type { Locale } from '../i18n/locales';

/** Values of 公司注册地. The registration-number rule depends on it. */
export const registrationRegions = ['HK', 'OTHER'] as const;
export type RegistrationRegion = (typeof registrationRegions)[number];

export const registrationRegionLabels: Record<RegistrationRegion, Record<Locale, string>> = {
  HK: { 'zh-CN': '中国香港', 'zh-HK': '中國香港', en: 'Hong Kong, China' },
  OTHER: { 'zh-CN': '其他地区', 'zh-HK': '其他地區', en: 'Other regions' },
};

/** Default country calling code of 直线电话 per registration region. */
export const defaultCallingCode: Record<RegistrationRegion, string> = {
  HK: '852',
  OTHER: '852',
};
