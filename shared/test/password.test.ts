import { checkPassword, isStrongPassword } from '../src';

describe('password rule', () => {
  it.each([['Abcdefg1@'], ['Abcdefg1\\'], ['Abcdefg1 '], ['Abcdefg1中']])(
    'accepts %p, whose only special character is not a symbol key',
    (password) => {
      expect(isStrongPassword(password)).toBe(true);
    },
  );

  it.each([
    ['Abcdef1@', true],
    ['Abcde1@', false],
    ['abcdefg1@', false],
    ['ABCDEFG1@', false],
    ['Abcdefgh@', false],
    ['Abcdefgh1', false],
  ])('checks %p → %p', (password, strong) => {
    expect(isStrongPassword(password)).toBe(strong);
  });

  it('names which parts are missing', () => {
    expect(checkPassword('abc')).toEqual({
      length: false,
      upper: false,
      lower: true,
      digit: false,
      special: false,
    });
  });
});
