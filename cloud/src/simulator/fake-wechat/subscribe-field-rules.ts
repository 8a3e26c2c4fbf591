/**
 * Value rules of subscribe-message fields by field type, as WeChat's subscribeMessage.send
 * documentation lists them. The type is the key without its trailing digits
 * (`thing1` → thing). Lengths count characters, not bytes.
 */
const hanOnly = /^\p{Script=Han}+$/u;
const lettersOnly = /^[A-Za-z]+$/u;
const lettersAndSpaces = /^[A-Za-z][A-Za-z ]*$/u;
const printableAscii = /^[\x21-\x7e]+$/u;
const symbolsOnly = /^[^\p{L}\p{N}\s]+$/u;
const numberPattern = /^\d+(\.\d+)?$/u;
const timePatterns = [
  /^\d{4}年\d{1,2}月\d{1,2}日( \d{1,2}:\d{2}(:\d{2})?)?$/u,
  /^\d{4}-\d{1,2}-\d{1,2}( \d{1,2}:\d{2}(:\d{2})?)?$/u,
  /^\d{1,2}:\d{2}(:\d{2})?$/u,
];
const amountPattern = /^¥?\d+(\.\d{1,2})?元?$/u;
const phonePattern = /^[+\d()\- ]{1,17}$/u;

function length(value: string): number {
  return Array.from(value).length;
}

const rules: Record<string, (value: string) => boolean> = {
  thing: (value) => length(value) <= 20,
  number: (value) => length(value) <= 32 && numberPattern.test(value),
  letter: (value) => length(value) <= 32 && lettersOnly.test(value),
  symbol: (value) => length(value) <= 5 && symbolsOnly.test(value),
  character_string: (value) => length(value) <= 32 && printableAscii.test(value),
  time: (value) => timePatterns.some((pattern) => pattern.test(value)),
  date: (value) => timePatterns.some((pattern) => pattern.test(value)),
  amount: (value) => amountPattern.test(value),
  phone_number: (value) => phonePattern.test(value),
  car_number: (value) => length(value) <= 8,
  name: (value) =>
    hanOnly.test(value) ? length(value) <= 10 : lettersAndSpaces.test(value) && length(value) <= 20,
  phrase: (value) => length(value) <= 5 && hanOnly.test(value),
};

/** Returns the field type of a data key, such as `character_string` for `character_string7`. */
export function subscribeFieldType(key: string): string {
  return key.replace(/\d+$/u, '');
}

/** True when `value` is acceptable for the field `key`; empty values never are. */
export function isValidSubscribeValue(key: string, value: string): boolean {
  const rule = rules[subscribeFieldType(key)];
  return value.length > 0 && rule !== undefined && rule(value);
}
