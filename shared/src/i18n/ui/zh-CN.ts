/**
 * Visible strings of the mini-program and website in Simplified Chinese, the default
 * language. Labels follow the operator's user guide word for word. `{name}` marks a value
 * filled in at run time. The other languages must define every key of this catalogue.
 */
export const zhCN = {
  'app.title': '统一客户专区',
  'app.hotline': '客服热线 0755-83183333',
  'nav.home': '首页',
  'nav.certify': '用户认证',
  'nav.progress': '用户认证查询',
  'nav.login': '账号登录',
  'nav.wechatLogin': '微信登录',
  'nav.language': '语言',

  'common.inputPlaceholder': '请输入',
  'common.next': '下一步',
  'common.previous': '上一步',
  'common.submit': '提交',
  'common.loading': '加载中…',
  'common.retry': '重试',
  'common.delete': '删除',
  'common.preview': '预览',
  'common.download': '下载',
  'common.networkError': '网络连接失败，请检查网络后重试。',
  'common.requiredField': '请输入{field}',
  'common.comingSoon': '该功能即将开放，请稍后再试。',
  'common.backHome': '返回首页',

  'home.headline': '统一客户专区',
  'home.intro':
    '境外企业用户完成用户认证后，即可登录统一客户专区进行业务申请、业务查询、账单核查等操作。',
  'home.certifyCard': '认证贵公司及您的账号，原则上3个工作日内审核完毕。',
  'home.progressCard': '已提交认证申请？在这里查询审批进度。',

  'steps.company': '公司信息',
  'steps.documents': '上传资料',
  'steps.account': '账号信息',
  'steps.success': '申请成功',

  'agreement.scrollHint': '请阅读协议并下滑至底部',
  'agreement.accept': '我已阅读并同意以上协议',
  'agreement.loadFailed': '协议加载失败，请重试。',

  'company.fullNameHint': '请输入公司名称',
  'company.addressNote': '注：公司注册地址必须与商业登记证上的保持一致！',
  'company.categoriesNote': '注：为了给您提供更好的服务体验，请您仔细确认需办理的业务类别。',
  'company.otherPlaceholder': '若无对应的业务能勾选，请在此简单描述',
  'company.autofilled': '贵公司已在专区认证，系统已自动填充公司信息，只需上传工作证明材料。',
  'company.helpButton': '说明',
  'company.chooseCategory': '请至少选择一项业务分类',
  'company.otherRequired': '勾选“其他”时请简单描述需办理的业务',

  'documents.registrationNote':
    '(注: 该证书应能证明其主体资格, 证书上通常应包含名称、类型、住所、法定代表人、注册资本、经营范围、经营期限等)',
  'documents.employmentNote': '名片、工作证等',
  'documents.adminNote':
    '注: 管理员账号可以管理普通账号, 如对普通账号进行新增、禁用、编辑、权限管理、重置密码等。如贵司需要新增多个普通账号或有多个普通账号, 建议申请管理员账号进行统一新增、管理。',
  'documents.adminAuthorisationNote': '请上传加盖公司公章的管理员账户授权书。',
  'documents.downloadTemplate': '下载模板',
  'documents.choose': '上传文件',
  'documents.rules': '支持 PDF、JPG、PNG 格式，单个文件不超过 {maxMb} MB，最多 {max} 个',
  'documents.uploading': '上传中 {percent}%',
  'documents.uploadFailed': '上传失败',
  'documents.missing': '请上传{field}',
  'documents.adminAgreementRequired': '请先阅读并同意管理员协议',

  'account.usernamePlaceholder': '请输入',
  'account.namePlaceholder': '请使用真实姓名',
  'account.phonePlaceholder': '直线电话',
  'account.passwordPlaceholder': '至少8位, 由大小字母、数字和特殊字符组成',
  'account.emailPlaceholder': '邮箱唯一',
  'account.sendCode': '获取验证码',
  'account.resendIn': '{seconds}秒后重新获取',
  'account.codeSent': '验证码已发送至 {email}，5分钟内有效。',
  'account.passwordRule': '密码至少8位，须包含大写字母、小写字母、数字和特殊字符。',
  'account.passwordMismatch': '两次输入的密码不一致。',
  'account.emailFirst': '请先输入企业邮箱',

  'success.title': '申请成功',
  'success.number': '申请编号：{number}',
  'success.pending':
    '您的申请已提交，正在等待审核。原则上3个工作日内审核完毕，通过后您将收到短信或邮件通知。',
  'success.deadline': '预计审核完成时间：{date}',
  'success.queryHint': '审核期间可点击右上角“用户认证查询”查看审批进度。',

  'progress.title': '用户认证查询',
  'progress.byPassword': '账号密码查询',
  'progress.byEmail': '邮箱验证码查询',
  'progress.query': '查询',
  'progress.none': '未找到认证申请。',
  'progress.number': '申请编号',
  'progress.company': '公司名称',
  'progress.username': '账号',
  'progress.submittedAt': '提交时间',
  'progress.deadline': '审核截止时间',
  'progress.status': '审核状态',
  'progress.reason': '驳回原因',
  'progress.reopen': '修改并重新提交',
  'progress.reopenAgreement': '重新提交前请再次阅读并同意用户使用协议。',
  'status.pending': '待审核',
  'status.approved': '审核通过',
  'status.rejected': '审核驳回',
  'event.submitted': '提交申请',
  'event.resubmitted': '修改后重新提交',
  'event.approved': '审核通过',
  'event.rejected': '审核驳回',

  'placeholder.loginTitle': '账号登录',
  'placeholder.wechatTitle': '微信登录',
} as const;

export type UiMessageKey = keyof typeof zhCN;
export type UiCatalogue = Record<UiMessageKey, string>;
