import type { Locale } from '@ucz/shared';
import type { OtpPurpose } from './otp.types';

/** What a code is for, as the message names it. */
const purposeLabels: Record<Locale, Record<OtpPurpose, string>> = {
  'zh-CN': {
    certification_email: '用户认证（验证企业邮箱）',
    progress_query: '用户认证查询',
    login: '账号登录',
    bind: '微信绑定账号',
    password_reset: '重置密码',
  },
  'zh-HK': {
    certification_email: '用戶認證（驗證企業郵箱）',
    progress_query: '用戶認證查詢',
    login: '賬號登入',
    bind: '微信綁定賬號',
    password_reset: '重設密碼',
  },
  en: {
    certification_email: 'user certification (verifying your corporate email)',
    progress_query: 'checking your certification application',
    login: 'logging in to your account',
    bind: 'binding WeChat to your account',
    password_reset: 'resetting your password',
  },
};

/** Lifetime as words: whole minutes when it is a multiple of 60 s, otherwise seconds. */
function lifetime(locale: Locale, ttlSeconds: number): string {
  const minutes = ttlSeconds % 60 === 0 ? ttlSeconds / 60 : undefined;
  if (locale === 'en') {
    if (minutes === undefined) return `${ttlSeconds} seconds`;
    return minutes === 1 ? '1 minute' : `${minutes} minutes`;
  }
  const unit = locale === 'zh-CN' ? '分钟' : '分鐘';
  return minutes === undefined ? `${ttlSeconds} 秒` : `${minutes} ${unit}`;
}

export interface OtpMessageInput {
  locale: Locale;
  purpose: OtpPurpose;
  code: string;
  ttlSeconds: number;
}

/** Builds the email that carries a code: the code, what it is for and when it expires. */
export function otpEmail(input: OtpMessageInput): { subject: string; text: string } {
  const purpose = purposeLabels[input.locale][input.purpose];
  const expiry = lifetime(input.locale, input.ttlSeconds);
  const { code } = input;
  switch (input.locale) {
    case 'zh-CN':
      return {
        subject: `统一客户专区验证码：${code}`,
        text:
          `您好：\n\n您正在进行${purpose}，验证码为：${code}\n\n` +
          `验证码 ${expiry}内有效，仅可使用一次，请勿告诉他人。如非本人操作，请忽略本邮件。\n\n` +
          '统一客户专区\n客服热线：0755-83183333',
      };
    case 'zh-HK':
      return {
        subject: `統一客戶專區驗證碼：${code}`,
        text:
          `您好：\n\n您正在進行${purpose}，驗證碼為：${code}\n\n` +
          `驗證碼 ${expiry}內有效，僅可使用一次，請勿告訴他人。如非本人操作，請忽略本郵件。\n\n` +
          '統一客戶專區\n客服熱線：0755-83183333',
      };
    case 'en':
      return {
        subject: `Unified Customer Zone verification code: ${code}`,
        text:
          `Hello,\n\nYour verification code for ${purpose} is: ${code}\n\n` +
          `The code expires in ${expiry} and works once. Do not share it with anyone. ` +
          'If you did not request it, please ignore this email.\n\n' +
          'Unified Customer Zone\nHotline: +86-755-83183333',
      };
  }
}

/** Builds the SMS that carries a code. */
export function otpSms(input: OtpMessageInput): string {
  const purpose = purposeLabels[input.locale][input.purpose];
  const expiry = lifetime(input.locale, input.ttlSeconds);
  switch (input.locale) {
    case 'zh-CN':
      return `【统一客户专区】验证码 ${input.code}，用于${purpose}，${expiry}内有效，请勿告诉他人。`;
    case 'zh-HK':
      return `【統一客戶專區】驗證碼 ${input.code}，用於${purpose}，${expiry}內有效，請勿告訴他人。`;
    case 'en':
      return `[Unified Customer Zone] Your code for ${purpose} is ${input.code}. It expires in ${expiry}. Do not share it.`;
  }
}
