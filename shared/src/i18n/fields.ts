import type { Locale } from './locales';

/** Field labels as the operator's guide writes them, used to name a field in messages. */
export const fieldLabels: Record<string, Record<Locale, string>> = {
  accepted: {
    'zh-CN': '我已阅读并同意以上协议',
    'zh-HK': '我已閱讀並同意以上協議',
    en: 'I have read and agree to the agreement',
  },
  kind: { 'zh-CN': '资料类型', 'zh-HK': '資料類型', en: 'Document type' },
  body: { 'zh-CN': '请求内容', 'zh-HK': '請求內容', en: 'Request body' },
  agreementVersion: { 'zh-CN': '用户使用协议', 'zh-HK': '用戶使用協議', en: 'User agreement' },
  region: { 'zh-CN': '公司注册地', 'zh-HK': '公司註冊地', en: 'Place of registration' },
  fullName: { 'zh-CN': '公司全称', 'zh-HK': '公司全稱', en: 'Company full name' },
  shortName: { 'zh-CN': '公司简称', 'zh-HK': '公司簡稱', en: 'Company short name' },
  address: { 'zh-CN': '公司注册地址', 'zh-HK': '公司註冊地址', en: 'Registered address' },
  brNumber: {
    'zh-CN': '商业登记证编号',
    'zh-HK': '商業登記證編號',
    en: 'Business registration number',
  },
  categories: { 'zh-CN': '选择业务分类', 'zh-HK': '選擇業務分類', en: 'Business categories' },
  otherDescription: { 'zh-CN': '其他', 'zh-HK': '其他', en: 'Other (description)' },
  applyAdmin: { 'zh-CN': '申请管理员', 'zh-HK': '申請管理員', en: 'Apply for administrator' },
  adminAgreement: { 'zh-CN': '管理员协议', 'zh-HK': '管理員協議', en: 'Administrator agreement' },
  business_registration: {
    'zh-CN': '商业登记证影印件',
    'zh-HK': '商業登記證影印本',
    en: 'Copy of business registration certificate',
  },
  employment_proof: { 'zh-CN': '工作证明材料', 'zh-HK': '工作證明材料', en: 'Proof of employment' },
  admin_authorisation: {
    'zh-CN': '管理员账户授权书',
    'zh-HK': '管理員賬戶授權書',
    en: 'Administrator account authorisation letter',
  },
  file: { 'zh-CN': '文件', 'zh-HK': '文件', en: 'File' },
  username: { 'zh-CN': '账号', 'zh-HK': '賬號', en: 'Account' },
  name: { 'zh-CN': '姓名', 'zh-HK': '姓名', en: 'Name' },
  department: { 'zh-CN': '所在部门', 'zh-HK': '所在部門', en: 'Department' },
  phone: { 'zh-CN': '直线电话', 'zh-HK': '直線電話', en: 'Direct line' },
  phoneCallingCode: {
    'zh-CN': '直线电话区号',
    'zh-HK': '直線電話區號',
    en: 'Direct line country code',
  },
  title: { 'zh-CN': '职务', 'zh-HK': '職務', en: 'Position' },
  password: { 'zh-CN': '密码', 'zh-HK': '密碼', en: 'Password' },
  confirmPassword: { 'zh-CN': '确认密码', 'zh-HK': '確認密碼', en: 'Confirm password' },
  email: { 'zh-CN': '企业邮箱', 'zh-HK': '企業郵箱', en: 'Corporate email' },
  code: { 'zh-CN': '验证码', 'zh-HK': '驗證碼', en: 'Verification code' },
  mobile: { 'zh-CN': '手机', 'zh-HK': '手機', en: 'Mobile' },
  reason: { 'zh-CN': '驳回原因', 'zh-HK': '駁回原因', en: 'Rejection reason' },
  oldPassword: { 'zh-CN': '原密码', 'zh-HK': '原密碼', en: 'Current password' },
  newPassword: { 'zh-CN': '新密码', 'zh-HK': '新密碼', en: 'New password' },
  permissions: { 'zh-CN': '业务权限', 'zh-HK': '業務權限', en: 'Business permissions' },
  channel: { 'zh-CN': '验证码接收方式', 'zh-HK': '驗證碼接收方式', en: 'Code delivery' },
  challengeId: { 'zh-CN': '登录验证', 'zh-HK': '登入驗證', en: 'Login verification' },
  customerManager: { 'zh-CN': '客户经理', 'zh-HK': '客戶經理', en: 'Customer manager' },
  activationToken: { 'zh-CN': '激活链接', 'zh-HK': '啟用連結', en: 'Activation link' },
  contact: { 'zh-CN': '手机号/邮箱', 'zh-HK': '手機號/郵箱', en: 'Mobile or email' },
  bindTicket: { 'zh-CN': '绑定凭证', 'zh-HK': '綁定憑證', en: 'Binding ticket' },
  scanTicketId: { 'zh-CN': '二维码', 'zh-HK': '二維碼', en: 'QR code' },
};

export function fieldLabel(field: string, locale: Locale): string {
  return fieldLabels[field]?.[locale] ?? field;
}
