import type { Locale } from '@ucz/shared';
import type {
  RenderedNotification,
  TemplateContext,
  TemplateParams,
} from './notification-templates';

interface LocaleTexts {
  applicationSubmitted(
    params: TemplateParams<'application_submitted'>,
    context: TemplateContext,
  ): RenderedNotification;
  applicationApproved(
    params: TemplateParams<'application_approved'>,
    context: TemplateContext,
  ): RenderedNotification;
  applicationRejected(
    params: TemplateParams<'application_rejected'>,
    context: TemplateContext,
  ): RenderedNotification;
  wechatBound(params: TemplateParams<'wechat_bound'>): RenderedNotification;
  wechatUnbound(params: TemplateParams<'wechat_unbound'>): RenderedNotification;
  passwordChanged(params: TemplateParams<'password_changed'>): RenderedNotification;
  passwordReset(params: TemplateParams<'password_reset'>): RenderedNotification;
  passwordResetByAdmin(params: TemplateParams<'password_reset_by_admin'>): RenderedNotification;
}

/** Joins paragraphs with blank lines, leaving out the empty ones. */
function paragraphs(...parts: (string | undefined | false)[]): string {
  return parts
    .filter((part): part is string => typeof part === 'string' && part !== '')
    .join('\n\n');
}

/** Chinese greeting: `陈大文，您好：`, or `您好：` without a name. */
function greetingZh(name: string | undefined): string {
  return name ? `${name}，您好：` : '您好：';
}

function greetingEn(name: string | undefined): string {
  return name ? `Dear ${name},` : 'Hello,';
}

/** Returns the company after its preposition (`为示例有限公司`, ` for Example Ltd`), or nothing. */
function forCompany(companyName: string | undefined, preposition: string): string {
  return companyName ? `${preposition}${companyName}` : '';
}

/** Closing advice of the password notices, for a change the account holder did not make. */
const contactZhCN = '请立即联系贵公司管理员或拨打客服热线 +86-755-83183333。';
const contactZhHK = '請立即聯絡貴公司管理員或致電客服熱線 +86-755-83183333。';
const contactEn =
  'contact your company administrator or call our hotline on +86-755-83183333 at once.';

const zhCN: LocaleTexts = {
  applicationSubmitted: (p, c) => ({
    subject: `【统一客户专区】用户认证申请已提交（${p.applicationNumber}）`,
    text: paragraphs(
      greetingZh(p.name),
      `您${forCompany(p.companyName, '为')}提交的用户认证申请已收到，申请编号：${p.applicationNumber}。`,
      `原则上${c.reviewWorkingDays}个工作日内审核完毕，审核结果将通过短信或邮件通知您。期间可在统一客户专区首页点击“用户认证”，同意用户协议后点击右上角“用户认证查询”查询审批进度。`,
      '如有任何疑问，欢迎拨打客服热线 0755-83183333 进行咨询。',
      '统一客户专区',
    ),
    sms: `【统一客户专区】您的用户认证申请（编号 ${p.applicationNumber}）已提交，原则上${c.reviewWorkingDays}个工作日内审核完毕，结果将通过短信或邮件通知您。`,
  }),
  applicationApproved: (p) => ({
    subject: `【统一客户专区】用户认证申请已通过（${p.applicationNumber}）`,
    text: paragraphs(
      greetingZh(p.name),
      `您${forCompany(p.companyName, '为')}提交的用户认证申请（申请编号：${p.applicationNumber}）已审核通过。`,
      `您的账号${p.username ? ` ${p.username} ` : ''}现在可以登录统一客户专区，进行业务申请、业务查询、账单核查等操作。`,
      p.loginUrl && `登录地址：${p.loginUrl}`,
      '如有任何疑问，欢迎拨打客服热线 0755-83183333 进行咨询。',
      '统一客户专区',
    ),
    sms: `【统一客户专区】您的用户认证申请（编号 ${p.applicationNumber}）已审核通过，您的账号现在可以登录统一客户专区。`,
  }),
  applicationRejected: (p) => ({
    subject: `【统一客户专区】用户认证申请未通过（${p.applicationNumber}）`,
    text: paragraphs(
      greetingZh(p.name),
      `很抱歉，您${forCompany(p.companyName, '为')}提交的用户认证申请（申请编号：${p.applicationNumber}）未通过审核。`,
      `原因：${p.reason}`,
      '您可在统一客户专区首页点击“用户认证”，同意用户协议后点击右上角“用户认证查询”，修改申请后重新提交。',
      p.queryUrl && `查询地址：${p.queryUrl}`,
      '如有任何疑问，欢迎拨打客服热线 0755-83183333 进行咨询。',
      '统一客户专区',
    ),
    sms: `【统一客户专区】很抱歉，您的用户认证申请（编号 ${p.applicationNumber}）未通过审核，原因：${p.reason}。您可在“用户认证查询”中修改后重新提交。`,
  }),
  wechatBound: (p) => ({
    subject: `【统一客户专区】账号已绑定微信（${p.username}）`,
    text: paragraphs(
      greetingZh(p.name),
      `您的账号 ${p.username} 已于 ${p.occurredAt} 绑定微信。绑定后可在网站首页点击“微信登录”扫码登录。`,
      '如非本人操作，请立即在微信公众号“深证通客户服务中心”-“个人信息”中解除绑定并修改密码，或拨打客服热线 0755-83183333。',
      '统一客户专区',
    ),
    sms: `【统一客户专区】您的账号 ${p.username} 已于 ${p.occurredAt} 绑定微信。如非本人操作，请立即解除绑定并修改密码，或拨打客服热线 0755-83183333。`,
  }),
  wechatUnbound: (p) => ({
    subject: `【统一客户专区】账号已解除微信绑定（${p.username}）`,
    text: paragraphs(
      greetingZh(p.name),
      `您的账号 ${p.username} 已于 ${p.occurredAt} 解除微信绑定，通过该微信登录的会话均已退出。`,
      '如非本人操作，请立即登录统一客户专区修改密码，或拨打客服热线 0755-83183333。',
      '统一客户专区',
    ),
    sms: `【统一客户专区】您的账号 ${p.username} 已于 ${p.occurredAt} 解除微信绑定。如非本人操作，请立即修改密码或拨打客服热线 0755-83183333。`,
  }),
  passwordChanged: (p) => ({
    subject: `【统一客户专区】账号密码已修改（${p.username}）`,
    text: paragraphs(
      greetingZh(p.name),
      `您的账号 ${p.username} 的密码已于 ${p.occurredAt} 修改，此前登录的会话均已退出。`,
      `如非本人操作，${contactZhCN}`,
      '统一客户专区',
    ),
    sms: `【统一客户专区】您的账号 ${p.username} 的密码已于 ${p.occurredAt} 修改。如非本人操作，${contactZhCN}`,
  }),
  passwordReset: (p) => ({
    subject: `【统一客户专区】账号密码已重置（${p.username}）`,
    text: paragraphs(
      greetingZh(p.name),
      `您的账号 ${p.username} 的密码已于 ${p.occurredAt} 重置，此前登录的会话均已退出。`,
      `如非本人操作，${contactZhCN}`,
      '统一客户专区',
    ),
    sms: `【统一客户专区】您的账号 ${p.username} 的密码已于 ${p.occurredAt} 重置。如非本人操作，${contactZhCN}`,
  }),
  passwordResetByAdmin: (p) => ({
    subject: `【统一客户专区】管理员已重置您的账号密码（${p.username}）`,
    text: paragraphs(
      greetingZh(p.name),
      `贵公司管理员已于 ${p.occurredAt} 重置您的账号 ${p.username} 的密码，原密码和已登录的会话均已失效。请按另一封邮件的说明设置新密码。`,
      `如您对此不知情，${contactZhCN}`,
      '统一客户专区',
    ),
    sms: `【统一客户专区】贵公司管理员已于 ${p.occurredAt} 重置您的账号 ${p.username} 的密码，原密码已失效。如您对此不知情，${contactZhCN}`,
  }),
};

const zhHK: LocaleTexts = {
  applicationSubmitted: (p, c) => ({
    subject: `【統一客戶專區】用戶認證申請已提交（${p.applicationNumber}）`,
    text: paragraphs(
      greetingZh(p.name),
      `您${forCompany(p.companyName, '為')}提交的用戶認證申請已收到，申請編號：${p.applicationNumber}。`,
      `原則上${c.reviewWorkingDays}個工作日內審核完畢，審核結果將透過短信或郵件通知您。期間可在統一客戶專區首頁點擊「用戶認證」，同意用戶協議後點擊右上角「用戶認證查詢」查詢審批進度。`,
      '如有任何疑問，歡迎致電客服熱線 0755-83183333 查詢。',
      '統一客戶專區',
    ),
    sms: `【統一客戶專區】您的用戶認證申請（編號 ${p.applicationNumber}）已提交，原則上${c.reviewWorkingDays}個工作日內審核完畢，結果將透過短信或郵件通知您。`,
  }),
  applicationApproved: (p) => ({
    subject: `【統一客戶專區】用戶認證申請已通過（${p.applicationNumber}）`,
    text: paragraphs(
      greetingZh(p.name),
      `您${forCompany(p.companyName, '為')}提交的用戶認證申請（申請編號：${p.applicationNumber}）已審核通過。`,
      `您的賬號${p.username ? ` ${p.username} ` : ''}現在可以登入統一客戶專區，進行業務申請、業務查詢、賬單核查等操作。`,
      p.loginUrl && `登入網址：${p.loginUrl}`,
      '如有任何疑問，歡迎致電客服熱線 0755-83183333 查詢。',
      '統一客戶專區',
    ),
    sms: `【統一客戶專區】您的用戶認證申請（編號 ${p.applicationNumber}）已審核通過，您的賬號現在可以登入統一客戶專區。`,
  }),
  applicationRejected: (p) => ({
    subject: `【統一客戶專區】用戶認證申請未通過（${p.applicationNumber}）`,
    text: paragraphs(
      greetingZh(p.name),
      `很抱歉，您${forCompany(p.companyName, '為')}提交的用戶認證申請（申請編號：${p.applicationNumber}）未通過審核。`,
      `原因：${p.reason}`,
      '您可在統一客戶專區首頁點擊「用戶認證」，同意用戶協議後點擊右上角「用戶認證查詢」，修改申請後重新提交。',
      p.queryUrl && `查詢網址：${p.queryUrl}`,
      '如有任何疑問，歡迎致電客服熱線 0755-83183333 查詢。',
      '統一客戶專區',
    ),
    sms: `【統一客戶專區】很抱歉，您的用戶認證申請（編號 ${p.applicationNumber}）未通過審核，原因：${p.reason}。您可在「用戶認證查詢」中修改後重新提交。`,
  }),
  wechatBound: (p) => ({
    subject: `【統一客戶專區】賬號已綁定微信（${p.username}）`,
    text: paragraphs(
      greetingZh(p.name),
      `您的賬號 ${p.username} 已於 ${p.occurredAt} 綁定微信。綁定後可在網站首頁點擊「微信登入」掃碼登入。`,
      '如非本人操作，請立即在微信公眾號「深證通客戶服務中心」-「個人信息」中解除綁定並修改密碼，或致電客服熱線 0755-83183333。',
      '統一客戶專區',
    ),
    sms: `【統一客戶專區】您的賬號 ${p.username} 已於 ${p.occurredAt} 綁定微信。如非本人操作，請立即解除綁定並修改密碼，或致電客服熱線 0755-83183333。`,
  }),
  wechatUnbound: (p) => ({
    subject: `【統一客戶專區】賬號已解除微信綁定（${p.username}）`,
    text: paragraphs(
      greetingZh(p.name),
      `您的賬號 ${p.username} 已於 ${p.occurredAt} 解除微信綁定，透過該微信登入的工作階段均已登出。`,
      '如非本人操作，請立即登入統一客戶專區修改密碼，或致電客服熱線 0755-83183333。',
      '統一客戶專區',
    ),
    sms: `【統一客戶專區】您的賬號 ${p.username} 已於 ${p.occurredAt} 解除微信綁定。如非本人操作，請立即修改密碼或致電客服熱線 0755-83183333。`,
  }),
  passwordChanged: (p) => ({
    subject: `【統一客戶專區】賬號密碼已修改（${p.username}）`,
    text: paragraphs(
      greetingZh(p.name),
      `您的賬號 ${p.username} 的密碼已於 ${p.occurredAt} 修改，此前登入的工作階段均已登出。`,
      `如非本人操作，${contactZhHK}`,
      '統一客戶專區',
    ),
    sms: `【統一客戶專區】您的賬號 ${p.username} 的密碼已於 ${p.occurredAt} 修改。如非本人操作，${contactZhHK}`,
  }),
  passwordReset: (p) => ({
    subject: `【統一客戶專區】賬號密碼已重設（${p.username}）`,
    text: paragraphs(
      greetingZh(p.name),
      `您的賬號 ${p.username} 的密碼已於 ${p.occurredAt} 重設，此前登入的工作階段均已登出。`,
      `如非本人操作，${contactZhHK}`,
      '統一客戶專區',
    ),
    sms: `【統一客戶專區】您的賬號 ${p.username} 的密碼已於 ${p.occurredAt} 重設。如非本人操作，${contactZhHK}`,
  }),
  passwordResetByAdmin: (p) => ({
    subject: `【統一客戶專區】管理員已重設您的賬號密碼（${p.username}）`,
    text: paragraphs(
      greetingZh(p.name),
      `貴公司管理員已於 ${p.occurredAt} 重設您的賬號 ${p.username} 的密碼，原密碼和已登入的工作階段均已失效。請按另一封郵件的說明設定新密碼。`,
      `如您對此不知情，${contactZhHK}`,
      '統一客戶專區',
    ),
    sms: `【統一客戶專區】貴公司管理員已於 ${p.occurredAt} 重設您的賬號 ${p.username} 的密碼，原密碼已失效。如您對此不知情，${contactZhHK}`,
  }),
};

const en: LocaleTexts = {
  applicationSubmitted: (p, c) => ({
    subject: `[Unified Customer Zone] Certification application submitted (${p.applicationNumber})`,
    text: paragraphs(
      greetingEn(p.name),
      `We have received the user certification application you submitted${forCompany(p.companyName, ' for ')}. Application number: ${p.applicationNumber}.`,
      `Applications are normally reviewed within ${c.reviewWorkingDays} working days, and we will tell you the result by SMS or email. Meanwhile you can follow its progress: on the home page of the Unified Customer Zone, click "User certification", accept the user agreement, then click "Certification progress" at the top right.`,
      'If you have any questions, please call our hotline on +86-755-83183333.',
      'Unified Customer Zone',
    ),
    sms: `[Unified Customer Zone] Your certification application ${p.applicationNumber} has been submitted. It is normally reviewed within ${c.reviewWorkingDays} working days; we will tell you the result by SMS or email.`,
  }),
  applicationApproved: (p) => ({
    subject: `[Unified Customer Zone] Certification application approved (${p.applicationNumber})`,
    text: paragraphs(
      greetingEn(p.name),
      `The user certification application you submitted${forCompany(p.companyName, ' for ')} (application number ${p.applicationNumber}) has been approved.`,
      `Your account${p.username ? ` ${p.username}` : ''} can now log in to the Unified Customer Zone to apply for services, query them and check bills.`,
      p.loginUrl && `Log in at: ${p.loginUrl}`,
      'If you have any questions, please call our hotline on +86-755-83183333.',
      'Unified Customer Zone',
    ),
    sms: `[Unified Customer Zone] Your certification application ${p.applicationNumber} has been approved. Your account can now log in.`,
  }),
  applicationRejected: (p) => ({
    subject: `[Unified Customer Zone] Certification application not approved (${p.applicationNumber})`,
    text: paragraphs(
      greetingEn(p.name),
      `We are sorry: the user certification application you submitted${forCompany(p.companyName, ' for ')} (application number ${p.applicationNumber}) was not approved.`,
      `Reason: ${p.reason}`,
      'You can correct the application and submit it again: on the home page of the Unified Customer Zone, click "User certification", accept the user agreement, then click "Certification progress" at the top right.',
      p.queryUrl && `Progress query: ${p.queryUrl}`,
      'If you have any questions, please call our hotline on +86-755-83183333.',
      'Unified Customer Zone',
    ),
    sms: `[Unified Customer Zone] Sorry, your certification application ${p.applicationNumber} was not approved. Reason: ${p.reason}. You can correct it and submit it again in the certification progress query.`,
  }),
  wechatBound: (p) => ({
    subject: `[Unified Customer Zone] WeChat bound to your account (${p.username})`,
    text: paragraphs(
      greetingEn(p.name),
      `Your account ${p.username} was bound to WeChat at ${p.occurredAt}. You can now log in by clicking "WeChat login" on the home page and scanning the code.`,
      'If you did not do this, unbind WeChat at once in Profile of the official account 深证通客户服务中心 and change your password, or call our hotline on +86-755-83183333.',
      'Unified Customer Zone',
    ),
    sms: `[Unified Customer Zone] Your account ${p.username} was bound to WeChat at ${p.occurredAt}. If you did not do this, unbind it and change your password at once, or call +86-755-83183333.`,
  }),
  wechatUnbound: (p) => ({
    subject: `[Unified Customer Zone] WeChat unbound from your account (${p.username})`,
    text: paragraphs(
      greetingEn(p.name),
      `WeChat was unbound from your account ${p.username} at ${p.occurredAt}. Every session started through that WeChat has been logged out.`,
      'If you did not do this, log in to the Unified Customer Zone and change your password at once, or call our hotline on +86-755-83183333.',
      'Unified Customer Zone',
    ),
    sms: `[Unified Customer Zone] WeChat was unbound from your account ${p.username} at ${p.occurredAt}. If you did not do this, change your password at once or call +86-755-83183333.`,
  }),
  passwordChanged: (p) => ({
    subject: `[Unified Customer Zone] Password of your account changed (${p.username})`,
    text: paragraphs(
      greetingEn(p.name),
      `The password of your account ${p.username} was changed at ${p.occurredAt}. Every earlier session has been logged out.`,
      `If you did not do this, ${contactEn}`,
      'Unified Customer Zone',
    ),
    sms: `[Unified Customer Zone] The password of your account ${p.username} was changed at ${p.occurredAt}. If you did not do this, ${contactEn}`,
  }),
  passwordReset: (p) => ({
    subject: `[Unified Customer Zone] Password of your account reset (${p.username})`,
    text: paragraphs(
      greetingEn(p.name),
      `The password of your account ${p.username} was reset at ${p.occurredAt}. Every earlier session has been logged out.`,
      `If you did not do this, ${contactEn}`,
      'Unified Customer Zone',
    ),
    sms: `[Unified Customer Zone] The password of your account ${p.username} was reset at ${p.occurredAt}. If you did not do this, ${contactEn}`,
  }),
  passwordResetByAdmin: (p) => ({
    subject: `[Unified Customer Zone] Your administrator reset your password (${p.username})`,
    text: paragraphs(
      greetingEn(p.name),
      `Your company administrator reset the password of your account ${p.username} at ${p.occurredAt}. The old password and every open session no longer work. Set a new password as the other email we sent you explains.`,
      `If you did not expect this, ${contactEn}`,
      'Unified Customer Zone',
    ),
    sms: `[Unified Customer Zone] Your company administrator reset the password of your account ${p.username} at ${p.occurredAt}; the old password no longer works. If you did not expect this, ${contactEn}`,
  }),
};

/** Subjects, email texts and SMS texts of every notification template, per locale. */
export const templateTexts: Record<Locale, LocaleTexts> = { 'zh-CN': zhCN, 'zh-HK': zhHK, en };
