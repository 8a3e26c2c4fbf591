import { negotiateLocale, errorMessages, errorStatus, fieldIssueMessages, locales } from '../src';

describe('negotiateLocale', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['zh-CN,zh;q=0.9', 'zh-CN'],
    ['zh-HK', 'zh-HK'],
    ['zh-TW,en;q=0.5', 'zh-HK'],
    ['zh-Hant-HK', 'zh-HK'],
    ['en-GB,en;q=0.9', 'en'],
    ['fr-FR,en;q=0.8,zh-HK;q=0.9', 'zh-HK'],
    ['fr-FR', 'zh-CN'],
    ['en;q=0,zh-HK;q=0.1', 'zh-HK'],
  ])('maps %p to %p', (header, locale) => {
    expect(negotiateLocale(header)).toBe(locale);
  });
});

describe('message catalogues', () => {
  it('translate every error code into every locale', () => {
    for (const locale of locales) {
      for (const code of Object.keys(errorStatus)) {
        expect(errorMessages[locale][code as keyof typeof errorStatus]).toEqual(expect.any(String));
      }
      expect(Object.keys(fieldIssueMessages[locale]).length).toBeGreaterThan(0);
    }
  });

  it('use the guide wording for the account conflict', () => {
    expect(errorMessages['zh-CN']['account.conflict']).toBe('账号/邮箱存在冲突, 请重试!');
  });
});
