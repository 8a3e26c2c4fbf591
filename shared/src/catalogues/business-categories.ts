import type { Locale } from '../i18n/locales';

/** The business categories an applicant can pick under 选择业务分类, in the guide's order. */
export const businessCategoryCodes = [
  'szse_trading_settlement',
  'beijing_trading_settlement',
  'cross_border_trading_settlement',
  'regional_equity',
  'blockchain',
  'cabinet',
  'monitoring',
  'shenzhen_cloud',
  'fdep_realtime_messaging',
  'fdep_file_transfer',
  'fdep_trading_instruction',
  'cross_border_infrastructure',
  'other',
] as const;

export type BusinessCategoryCode = (typeof businessCategoryCodes)[number];

export interface BusinessCategory {
  code: BusinessCategoryCode;
  label: Record<Locale, string>;
  /** Explanation shown behind the '?' next to the label. */
  help?: Record<Locale, string>;
}

export const businessCategories: readonly BusinessCategory[] = [
  {
    code: 'szse_trading_settlement',
    label: {
      'zh-CN': '深市交易结算业务',
      'zh-HK': '深市交易結算業務',
      en: 'Shenzhen market trading and settlement',
    },
  },
  {
    code: 'beijing_trading_settlement',
    label: {
      'zh-CN': '北京市场交易结算业务',
      'zh-HK': '北京市場交易結算業務',
      en: 'Beijing market trading and settlement',
    },
  },
  {
    code: 'cross_border_trading_settlement',
    label: {
      'zh-CN': '跨境交易结算业务',
      'zh-HK': '跨境交易結算業務',
      en: 'Cross-border trading and settlement',
    },
  },
  {
    code: 'regional_equity',
    label: { 'zh-CN': '区域股权业务', 'zh-HK': '區域股權業務', en: 'Regional equity' },
  },
  {
    code: 'blockchain',
    label: { 'zh-CN': '区块链业务', 'zh-HK': '區塊鏈業務', en: 'Blockchain' },
  },
  {
    code: 'cabinet',
    label: { 'zh-CN': '机柜', 'zh-HK': '機櫃', en: 'Cabinets' },
  },
  {
    code: 'monitoring',
    label: { 'zh-CN': '监控配套', 'zh-HK': '監控配套', en: 'Monitoring facilities' },
  },
  {
    code: 'shenzhen_cloud',
    label: { 'zh-CN': '深证云业务', 'zh-HK': '深證雲業務', en: 'Shenzhen Securities Cloud' },
  },
  {
    code: 'fdep_realtime_messaging',
    label: {
      'zh-CN': 'FDEP消息实时传输服务',
      'zh-HK': 'FDEP消息實時傳輸服務',
      en: 'FDEP real-time messaging',
    },
  },
  {
    code: 'fdep_file_transfer',
    label: { 'zh-CN': 'FDEP文件传输服务', 'zh-HK': 'FDEP文件傳輸服務', en: 'FDEP file transfer' },
  },
  {
    code: 'fdep_trading_instruction',
    label: {
      'zh-CN': 'FDEP交易指令传输服务',
      'zh-HK': 'FDEP交易指令傳輸服務',
      en: 'FDEP trading instruction transfer',
    },
  },
  {
    code: 'cross_border_infrastructure',
    label: { 'zh-CN': '跨境基础设施', 'zh-HK': '跨境基礎設施', en: 'Cross-border infrastructure' },
    help: {
      'zh-CN': '为境外机构提供跨境数据交换、网络接入等基础设施服务。',
      'zh-HK': '為境外機構提供跨境數據交換、網絡接入等基礎設施服務。',
      en: 'Infrastructure services for overseas institutions, such as cross-border data exchange and network access.',
    },
  },
  {
    code: 'other',
    label: { 'zh-CN': '其他', 'zh-HK': '其他', en: 'Other' },
  },
];

export function isBusinessCategoryCode(value: unknown): value is BusinessCategoryCode {
  return typeof value === 'string' && (businessCategoryCodes as readonly string[]).includes(value);
}
