import type { Locale } from '@ucz/shared';

export interface AgreementDocument {
  title: string;
  text: string;
}

/**
 * The user agreement (用户使用协议) shown before certification. When its content changes,
 * raise AGREEMENT_VERSION so that open drafts have to accept the new text.
 */
export const userAgreement: Record<Locale, AgreementDocument> = {
  'zh-CN': {
    title: '统一客户专区用户使用协议',
    text: [
      '欢迎使用统一客户专区（以下简称“专区”）。请您在提交用户认证申请前仔细阅读本协议。',
      '一、您应以所在公司的名义、经公司授权申请认证，并保证所填写的公司信息、账号信息及上传的资料真实、准确、完整、有效。因信息不实造成的后果由您及您所在公司承担。',
      '二、专区运营方将依据您提交的资料进行审核，原则上在3个工作日内完成。运营方有权要求您补充资料，或在资料不符合要求时驳回申请并说明原因。',
      '三、认证通过后，您应妥善保管账号、密码及验证码，不得转让、出借或与他人共用账号。通过您的账号进行的一切操作视为您本人的行为。发现账号被盗用时，请立即联系客服热线 0755-83183333。',
      '四、运营方仅为办理认证、提供专区服务及履行法定义务的目的收集和使用您的个人信息（姓名、联系电话、企业邮箱、工作证明等），采取合理的安全措施加以保护，未经您同意不会向无关第三方提供，法律法规另有规定的除外。',
      '五、您不得利用专区从事违法违规活动，不得干扰专区的正常运行。违反本协议的，运营方有权暂停或终止您的账号。',
      '六、运营方可根据业务需要修订本协议，修订后的协议将在专区公布，并在您下次认证或登录时请您重新确认。',
      '七、本协议适用中华人民共和国法律（为本协议之目的，不包括香港特别行政区、澳门特别行政区和台湾地区法律）。因本协议产生的争议，双方应友好协商；协商不成的，提交运营方所在地有管辖权的人民法院诉讼解决。',
    ].join('\n\n'),
  },
  'zh-HK': {
    title: '統一客戶專區用戶使用協議',
    text: [
      '歡迎使用統一客戶專區（以下簡稱「專區」）。請您在提交用戶認證申請前仔細閱讀本協議。',
      '一、您應以所在公司的名義、經公司授權申請認證，並保證所填寫的公司資料、賬號資料及上傳的文件真實、準確、完整、有效。因資料不實造成的後果由您及您所在公司承擔。',
      '二、專區營運方將依據您提交的資料進行審核，原則上在3個工作日內完成。營運方有權要求您補充資料，或在資料不符合要求時駁回申請並說明原因。',
      '三、認證通過後，您應妥善保管賬號、密碼及驗證碼，不得轉讓、出借或與他人共用賬號。透過您的賬號進行的一切操作視為您本人的行為。發現賬號被盜用時，請立即致電客服熱線 +86-755-83183333。',
      '四、營運方僅為辦理認證、提供專區服務及履行法定義務的目的收集和使用您的個人資料（姓名、聯絡電話、企業郵箱、工作證明等），採取合理的安全措施加以保護，未經您同意不會向無關第三方提供，法律法規另有規定的除外。',
      '五、您不得利用專區從事違法違規活動，不得干擾專區的正常運行。違反本協議的，營運方有權暫停或終止您的賬號。',
      '六、營運方可根據業務需要修訂本協議，修訂後的協議將在專區公佈，並在您下次認證或登入時請您重新確認。',
      '七、本協議適用中華人民共和國法律（為本協議之目的，不包括香港特別行政區、澳門特別行政區和台灣地區法律）。因本協議產生的爭議，雙方應友好協商；協商不成的，提交營運方所在地有管轄權的人民法院訴訟解決。',
    ].join('\n\n'),
  },
  en: {
    title: 'Unified Customer Zone User Agreement',
    text: [
      'Welcome to the Unified Customer Zone (the "Zone"). Please read this agreement carefully before you submit a certification application.',
      '1. You apply in the name of your company and with its authorisation. You confirm that the company information, account information and documents you provide are true, accurate, complete and valid. You and your company bear the consequences of any false information.',
      '2. The operator of the Zone reviews your application on the basis of the documents provided, normally within 3 working days. The operator may ask for further documents, or reject the application with a reason when the documents do not meet the requirements.',
      '3. Once certified, keep your account name, password and verification codes safe. Do not transfer, lend or share your account. Every action taken through your account is treated as your own. If your account is misused, call the hotline +86-755-83183333 at once.',
      '4. The operator collects and uses your personal information (name, telephone numbers, corporate email, proof of employment and similar) only to certify you, to provide the services of the Zone and to meet legal obligations. It protects the information with reasonable security measures and does not share it with unrelated third parties without your consent, unless the law requires it.',
      '5. You must not use the Zone for unlawful purposes or disturb its operation. The operator may suspend or close your account if you breach this agreement.',
      '6. The operator may revise this agreement. The revised text is published in the Zone, and you will be asked to accept it again at your next certification or login.',
      "7. This agreement is governed by the laws of the People's Republic of China (for this purpose excluding the laws of the Hong Kong and Macao Special Administrative Regions and Taiwan). Disputes are settled by negotiation first, and otherwise by the competent people's court where the operator is located.",
    ].join('\n\n'),
  },
};

/** The administrator agreement (管理员协议), accepted when 申请管理员 is ticked. */
export const adminAgreement: Record<Locale, AgreementDocument> = {
  'zh-CN': {
    title: '统一客户专区管理员协议',
    text: [
      '一、管理员账号由贵公司书面授权（《管理员账户授权书》须加盖公司公章），代表贵公司管理本公司在专区的普通账号，包括新增、禁用、编辑、权限管理和重置密码。',
      '二、管理员只能管理本公司的账号，应仅为本公司在职员工开设账号，并在员工离职或岗位变动时及时禁用或调整其账号和权限。',
      '三、管理员通过管理员账号进行的一切操作视为贵公司的行为，由贵公司承担相应责任。',
      '四、贵公司撤销管理员授权时，应及时书面通知运营方；运营方收到通知后将停用相应的管理员权限。',
    ].join('\n\n'),
  },
  'zh-HK': {
    title: '統一客戶專區管理員協議',
    text: [
      '一、管理員賬號由貴公司書面授權（《管理員賬戶授權書》須加蓋公司公章），代表貴公司管理本公司在專區的普通賬號，包括新增、禁用、編輯、權限管理和重設密碼。',
      '二、管理員只能管理本公司的賬號，應僅為本公司在職員工開設賬號，並在員工離職或崗位變動時及時禁用或調整其賬號和權限。',
      '三、管理員透過管理員賬號進行的一切操作視為貴公司的行為，由貴公司承擔相應責任。',
      '四、貴公司撤銷管理員授權時，應及時書面通知營運方；營運方收到通知後將停用相應的管理員權限。',
    ].join('\n\n'),
  },
  en: {
    title: 'Unified Customer Zone Administrator Agreement',
    text: [
      "1. The administrator account is authorised in writing by your company (the Administrator Account Authorisation Letter bearing the company seal). It manages your company's ordinary accounts in the Zone on the company's behalf: adding, disabling, editing, setting permissions and resetting passwords.",
      "2. The administrator manages only your own company's accounts, opens accounts only for current employees, and promptly disables or adjusts an account when its holder leaves or changes role.",
      '3. Every action taken through the administrator account is treated as an action of your company, which bears the responsibility for it.',
      '4. When your company withdraws the authorisation, it notifies the operator in writing, and the operator then removes the administrator rights.',
    ].join('\n\n'),
  },
};
