import { errorMessages, locales, uiMessage, uiMessages } from '../src';

describe('ui catalogues', () => {
  it('define every key in every locale', () => {
    const keys = Object.keys(uiMessages['zh-CN']).sort();
    for (const locale of locales) {
      expect(Object.keys(uiMessages[locale]).sort()).toEqual(keys);
      for (const key of keys)
        expect(uiMessages[locale][key as keyof (typeof uiMessages)['en']].trim()).not.toBe('');
    }
  });

  it('use the same placeholders in every locale', () => {
    const placeholders = (text: string) =>
      [...text.matchAll(/\{(\w+)\}/gu)].map((match) => match[1]).sort();
    for (const [key, text] of Object.entries(uiMessages['zh-CN'])) {
      for (const locale of locales) {
        expect([
          key,
          placeholders(uiMessages[locale][key as keyof (typeof uiMessages)['en']]),
        ]).toEqual([key, placeholders(text)]);
      }
    }
  });

  it('keep the guide wording in Simplified Chinese', () => {
    expect(uiMessage('zh-CN', 'account.passwordPlaceholder')).toBe(
      '至少8位, 由大小字母、数字和特殊字符组成',
    );
    expect(uiMessage('zh-CN', 'company.addressNote')).toBe(
      '注：公司注册地址必须与商业登记证上的保持一致！',
    );
    expect(uiMessage('zh-CN', 'agreement.accept')).toBe('我已阅读并同意以上协议');
    expect(uiMessage('zh-CN', 'account.resendIn', { seconds: 42 })).toBe('42秒后重新获取');
    expect(uiMessage('zh-CN', 'login.sendSmsCode')).toBe('获取短信验证码');
    expect(uiMessage('zh-CN', 'login.useEmailCode')).toBe('使用邮箱验证码');
    expect(uiMessage('zh-CN', 'login.copyToManager')).toBe('抄送给客户经理');
    expect(uiMessage('zh-CN', 'login.wechatNote')).toContain(
      '如经常接收不到邮箱验证码，建议使用微信扫码登录',
    );
  });

  it('use 禁用 for disabling accounts', () => {
    for (const locale of ['zh-CN', 'zh-HK'] as const) {
      for (const [key, text] of [
        ...Object.entries(uiMessages[locale]),
        ...Object.entries(errorMessages[locale]),
      ]) {
        expect([key, text.includes('停用')]).toEqual([key, false]);
      }
      expect(uiMessage(locale, 'admin.disable')).toBe('禁用');
      expect(uiMessage(locale, 'admin.statusDisabled')).toBe('已禁用');
    }
    expect(uiMessage('zh-HK', 'admin.enable')).toBe('啟用');
    expect(uiMessage('zh-CN', 'admin.enable')).toBe('启用');
  });
});
