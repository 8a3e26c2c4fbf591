import type { Locale } from '@ucz/shared';
import type { ActivationPurpose } from './activation-token.model';

export interface ActivationMailInput {
  locale: Locale;
  purpose: ActivationPurpose;
  name: string;
  username: string;
  link: string;
  validHours: number;
}

/** Builds the email with the link that sets a first password or, after an admin reset, a new one. */
export function activationMail(input: ActivationMailInput): { subject: string; text: string } {
  const { name, username, link, validHours } = input;
  const activate = input.purpose === 'activate';
  switch (input.locale) {
    case 'zh-CN':
      return {
        subject: activate ? '统一客户专区：请设置账号密码' : '统一客户专区：请重新设置密码',
        text:
          `${name}，您好：\n\n` +
          (activate
            ? `贵公司管理员已为您开通统一客户专区账号「${username}」。`
            : `贵公司管理员已重置您的账号「${username}」的密码，原密码和已登录的会话均已失效。`) +
          `请在 ${validHours} 小时内打开以下链接设置密码：\n\n${link}\n\n` +
          '链接仅可使用一次。如非您本人相关，请忽略本邮件。\n\n统一客户专区\n客服热线：0755-83183333',
      };
    case 'zh-HK':
      return {
        subject: activate ? '統一客戶專區：請設定賬號密碼' : '統一客戶專區：請重新設定密碼',
        text:
          `${name}，您好：\n\n` +
          (activate
            ? `貴公司管理員已為您開通統一客戶專區賬號「${username}」。`
            : `貴公司管理員已重設您的賬號「${username}」的密碼，原密碼和已登入的會話均已失效。`) +
          `請在 ${validHours} 小時內打開以下連結設定密碼：\n\n${link}\n\n` +
          '連結僅可使用一次。如與您無關，請忽略本郵件。\n\n統一客戶專區\n客服熱線：0755-83183333',
      };
    case 'en':
      return {
        subject: activate
          ? 'Unified Customer Zone: set the password of your account'
          : 'Unified Customer Zone: set a new password',
        text:
          `Dear ${name},\n\n` +
          (activate
            ? `Your company administrator has opened the Unified Customer Zone account "${username}" for you.`
            : `Your company administrator has reset the password of your account "${username}"; ` +
              'the old password and every open session no longer work.') +
          ` Please open this link within ${validHours} hours to set a password:\n\n${link}\n\n` +
          'The link works once. If this email is not meant for you, please ignore it.\n\n' +
          'Unified Customer Zone\nHotline: +86-755-83183333',
      };
  }
}
