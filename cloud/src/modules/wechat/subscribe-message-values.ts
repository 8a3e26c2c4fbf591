import { zonedDateOf, zonedTimeOfDay } from '../../lib/zoned-time';

/**
 * Fits values into subscribe-message fields. WeChat rejects a message whose value breaks
 * its field type's rule (errcode 47003), and the field type is the data key without its
 * trailing digits (`thing4` is a thing). Limits from WeChat's subscribeMessage.send
 * documentation: thing ≤ 20 characters, character_string/number/letter ≤ 32, symbol ≤ 5,
 * phrase ≤ 5 Chinese characters only, name ≤ 10 Chinese characters or 20 letters.
 */

const fieldTypes = [
  'thing',
  'number',
  'letter',
  'symbol',
  'character_string',
  'time',
  'date',
  'amount',
  'phone_number',
  'car_number',
  'name',
  'phrase',
] as const;
export type SubscribeFieldType = (typeof fieldTypes)[number];

const hanOnly = /^\p{Script=Han}+$/u;

/** Returns the field type of a data key; throws for a key of no known type. */
export function fieldTypeOf(key: string): SubscribeFieldType {
  const type = key.replace(/\d+$/u, '');
  if (!(fieldTypes as readonly string[]).includes(type))
    throw new Error(`Unknown subscribe field type in key "${key}"`);
  return type as SubscribeFieldType;
}

/** Cuts `text` to `max` characters (code points), ending with … when something was cut. */
export function cutText(text: string, max: number): string {
  const characters = Array.from(text);
  if (characters.length <= max) return text;
  return `${characters.slice(0, max - 1).join('')}…`;
}

/** Cuts `text` to `max` characters without an ellipsis, for types that do not allow one. */
function cutHard(text: string, max: number): string {
  return Array.from(text).slice(0, max).join('');
}

/** Formats an instant for time fields, such as `2026年12月4日 15:01`, in `timeZone`. */
export function formatWechatTime(instant: Date, timeZone: string): string {
  const [year, month, day] = zonedDateOf(instant, timeZone).split('-').map(Number);
  const minutes = Math.floor(zonedTimeOfDay(instant, timeZone) / 60_000);
  const hour = String(Math.floor(minutes / 60)).padStart(2, '0');
  const minute = String(minutes % 60).padStart(2, '0');
  return `${year}年${month}月${day}日 ${hour}:${minute}`;
}

/** Formats an amount of fen (CNY cents) for amount fields, such as `¥120.00`. */
export function formatWechatAmount(fen: number): string {
  return `¥${(fen / 100).toFixed(2)}`;
}

/**
 * Returns `value` changed just enough to pass its field's rule: whitespace collapsed,
 * characters the type does not allow removed, and cut to the type's maximum. A phrase
 * is never changed: it must be one of the fixed words (such as 审核通过), and anything
 * else throws, because a cut phrase would change its meaning.
 */
export function fitSubscribeValue(key: string, value: string | Date, timeZone: string): string {
  const type = fieldTypeOf(key);
  if (value instanceof Date) {
    if (type !== 'time' && type !== 'date')
      throw new Error(`Field "${key}" of type ${type} does not take a date`);
    return formatWechatTime(value, timeZone);
  }

  const text = value.replace(/\s+/gu, ' ').trim();
  let fitted: string;
  switch (type) {
    case 'thing':
      fitted = cutText(text, 20);
      break;
    case 'character_string':
      fitted = cutHard(text.replace(/[^\x21-\x7e]/gu, ''), 32);
      break;
    case 'number':
      fitted = cutHard(text.replace(/[^\d.]/gu, ''), 32);
      break;
    case 'letter':
      fitted = cutHard(text.replace(/[^A-Za-z]/gu, ''), 32);
      break;
    case 'symbol':
      fitted = cutHard(text.replace(/[\p{L}\p{N}\s]/gu, ''), 5);
      break;
    case 'name':
      fitted = hanOnly.test(text)
        ? cutHard(text, 10)
        : cutHard(text.replace(/[^A-Za-z ]/gu, '').trim(), 20);
      break;
    case 'phrase':
      if (!hanOnly.test(text) || Array.from(text).length > 5) {
        throw new Error(
          `Phrase field "${key}" needs a fixed word of at most 5 Chinese characters, got "${text}"`,
        );
      }
      fitted = text;
      break;
    default:
      // time, date, amount, phone_number and car_number are formatted by their callers.
      fitted = text;
  }
  if (fitted === '' && (type === 'thing' || type === 'character_string')) return '-';
  if (fitted === '') throw new Error(`Field "${key}" of type ${type} would be empty`);
  return fitted;
}
