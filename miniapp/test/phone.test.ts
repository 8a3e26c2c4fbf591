import { callingCodeOf, localNumber } from '@/ui/phone';

test.each([
  ['+85227654321', '852'],
  ['+8613812345678', '86'],
  ['+14155550123', '1'],
  ['+79161234567', '7'],
  ['+442071234567', '44'],
  ['+35312345678', '353'],
])('calling code of %s is %s', (e164, code) => {
  expect(callingCodeOf(e164)).toBe(code);
});

test('calling code of a non-E.164 number is missing', () => {
  expect(callingCodeOf('27654321')).toBeUndefined();
  expect(callingCodeOf(undefined)).toBeUndefined();
});

test('local number drops only the matching code', () => {
  expect(localNumber('+85227654321', '852')).toBe('27654321');
  expect(localNumber('+8613812345678', '852')).toBe('+8613812345678');
  expect(localNumber(undefined, '852')).toBe('');
});
