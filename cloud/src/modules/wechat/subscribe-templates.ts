/**
 * The subscribe-message templates the server sends and the data key of each value.
 * The operator picks templates with exactly these keys in the mini-program's admin
 * console and configures their ids (WECHAT_TEMPLATE_REVIEW_RESULT,
 * WECHAT_TEMPLATE_SECURITY_NOTICE); a key's prefix is its WeChat field type.
 */
export const subscribeTemplateKeys = {
  /** 审核结果通知: 申请编号, 审核结果, 审核时间, 备注. */
  reviewResult: {
    applicationNumber: 'character_string1',
    result: 'phrase2',
    decidedAt: 'time3',
    remark: 'thing4',
  },
  /** 账号安全提醒: 事件, 时间, 账号, 提示. */
  securityNotice: {
    event: 'thing1',
    occurredAt: 'time2',
    account: 'thing3',
    remark: 'thing4',
  },
} as const;

export type SubscribeTemplateName = keyof typeof subscribeTemplateKeys;

/** Fixed words of the review-result phrase field (at most 5 Chinese characters). */
export const reviewResultPhrases = { approved: '审核通过', rejected: '审核驳回' } as const;

export const securityEvents = [
  'account_created',
  'password_changed',
  'password_reset',
  'password_reset_by_admin',
  'wechat_bound',
  'wechat_unbound',
  'bill_issued',
  'bill_paid',
] as const;
export type SecurityEvent = (typeof securityEvents)[number];

/** Texts of the event field, each within the 20 characters of a thing field. */
export const securityEventTexts: Record<SecurityEvent, string> = {
  account_created: '账号已开通',
  password_changed: '密码已修改',
  password_reset: '密码已重置',
  password_reset_by_admin: '管理员已重置密码',
  wechat_bound: '微信已绑定账号',
  wechat_unbound: '微信已解除绑定',
  bill_issued: '新账单已出',
  bill_paid: '账单已支付',
};

/** Data keys of a template, in order, as the simulator's fake WeChat registers them. */
export function templateDataKeys(name: SubscribeTemplateName): string[] {
  return Object.values(subscribeTemplateKeys[name]);
}
