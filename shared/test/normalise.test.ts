import {
  companyNameKey,
  isValidBrNumber,
  maskEmail,
  maskPhone,
  normaliseEmail,
  toE164,
  usernameKey,
} from '../src';

describe('companyNameKey', () => {
  const base = companyNameKey('ABC Trading Limited');

  it.each([
    ['case', 'abc trading LIMITED'],
    ['full-width letters', 'ＡＢＣ　Ｔｒａｄｉｎｇ　Ｌｉｍｉｔｅｄ'],
    ['repeated inner spaces', 'ABC   Trading  Limited'],
    ['surrounding spaces and tabs', ' \tABC Trading Limited  '],
    ['a zero-width space', 'ABC Trading Limited\u200b'],
    ['a right-to-left override', '\u202eABC Trading Limited'],
  ])('matches names differing by %s', (_case, variant) => {
    expect(companyNameKey(variant)).toBe(base);
  });

  it('keeps different names apart', () => {
    expect(companyNameKey('ABC Trading Ltd')).not.toBe(base);
  });

  it('keeps Chinese names intact', () => {
    expect(companyNameKey(' 深圳 证券  通信 ')).toBe('深圳 证券 通信');
  });
});

describe('account keys', () => {
  it('folds case and surrounding spaces of emails', () => {
    expect(normaliseEmail('  Alice.Wong@Example.COM ')).toBe('alice.wong@example.com');
  });

  it('folds case and width of account names', () => {
    expect(usernameKey(' ＡｌｉｃｅW ')).toBe('alicew');
  });

  it('masks emails and phones', () => {
    expect(maskEmail('alice@example.com')).toBe('al***@example.com');
    expect(maskPhone('+85291234567')).toBe('+852****4567');
  });
});

describe('toE164', () => {
  it.each([
    ['+852 9123 4567'],
    ['+852-9123-4567'],
    ['(852) 9123 4567'],
    ['852 91234567'],
    ['00852 9123 4567'],
    ['9123 4567'],
    ['9123-4567'],
    ['(9123) 4567'],
    ['９１２３４５６７'],
  ])('reads the Hong Kong number %s', (raw) => {
    expect(toE164(raw)).toBe('+85291234567');
  });

  it('uses the calling code chosen beside the field', () => {
    expect(toE164('138 0013 8000', '86')).toBe('+8613800138000');
  });

  it.each([[''], ['12'], ['abc'], ['9123 456'], ['+852 9123 4567 ext 3']])('rejects %p', (raw) => {
    expect(toE164(raw)).toBeUndefined();
  });
});

describe('isValidBrNumber', () => {
  it('accepts 8 digits and the full certificate format in Hong Kong', () => {
    expect(isValidBrNumber('12345678', 'HK')).toBe(true);
    expect(isValidBrNumber(' 1234 5678 ', 'HK')).toBe(true);
    expect(isValidBrNumber('12345678-000-03-26-A', 'HK')).toBe(true);
  });

  it('rejects other shapes in Hong Kong', () => {
    expect(isValidBrNumber('1234567', 'HK')).toBe(false);
    expect(isValidBrNumber('ABCDEFGH', 'HK')).toBe(false);
  });

  it('accepts 1-50 letters, digits and hyphens elsewhere', () => {
    expect(isValidBrNumber('SG-2019-ABC', 'OTHER')).toBe(true);
    expect(isValidBrNumber('A'.repeat(50), 'OTHER')).toBe(true);
    expect(isValidBrNumber('A'.repeat(51), 'OTHER')).toBe(false);
    expect(isValidBrNumber('AB_12', 'OTHER')).toBe(false);
  });
});
