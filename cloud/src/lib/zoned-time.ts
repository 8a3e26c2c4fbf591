/**
 * Calendar dates and wall-clock times in a named IANA time zone, computed with Intl so
 * that no time-zone library is needed. A calendar date is an ISO string `YYYY-MM-DD`.
 */

const msPerDay = 24 * 60 * 60 * 1000;
const isoDatePattern = /^(\d{4})-(\d{2})-(\d{2})$/u;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Throws a RangeError unless `timeZone` is an IANA name that this runtime supports. */
export function assertTimeZone(timeZone: string): void {
  try {
    formatterFor(timeZone);
  } catch (error) {
    throw new RangeError(
      `Unknown time zone "${timeZone}"; use an IANA name such as Asia/Shanghai`,
      {
        cause: error,
      },
    );
  }
}

/** Returns the wall-clock fields of `instant` in `timeZone`, milliseconds included. */
function wallClockOf(instant: Date, timeZone: string) {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return {
    year: fields.year ?? 0,
    month: fields.month ?? 0,
    day: fields.day ?? 0,
    hour: fields.hour ?? 0,
    minute: fields.minute ?? 0,
    second: fields.second ?? 0,
    millisecond: instant.getUTCMilliseconds(),
  };
}

/** Returns the offset of `timeZone` from UTC at `instant`, in milliseconds (+8 h: 28 800 000). */
function offsetAt(instant: Date, timeZone: string): number {
  const wall = wallClockOf(instant, timeZone);
  const wallAsUtc = Date.UTC(
    wall.year,
    wall.month - 1,
    wall.day,
    wall.hour,
    wall.minute,
    wall.second,
    wall.millisecond,
  );
  return wallAsUtc - instant.getTime();
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** Returns the calendar date (`YYYY-MM-DD`) of `instant` in `timeZone`. */
export function zonedDateOf(instant: Date, timeZone: string): string {
  const wall = wallClockOf(instant, timeZone);
  return `${pad(wall.year, 4)}-${pad(wall.month, 2)}-${pad(wall.day, 2)}`;
}

/** Returns the milliseconds elapsed since local midnight at `instant` in `timeZone`. */
export function zonedTimeOfDay(instant: Date, timeZone: string): number {
  const wall = wallClockOf(instant, timeZone);
  return ((wall.hour * 60 + wall.minute) * 60 + wall.second) * 1000 + wall.millisecond;
}

/** Parses `YYYY-MM-DD` into its fields, or returns undefined for a malformed or impossible date. */
export function parseIsoDate(
  date: string,
): { year: number; month: number; day: number } | undefined {
  const match = isoDatePattern.exec(date);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (
    probe.getUTCFullYear() !== year ||
    probe.getUTCMonth() !== month - 1 ||
    probe.getUTCDate() !== day
  ) {
    return undefined;
  }
  return { year, month, day };
}

function utcMidnightOf(date: string): number {
  const fields = parseIsoDate(date);
  if (!fields) throw new RangeError(`Invalid calendar date "${date}"; expected YYYY-MM-DD`);
  return Date.UTC(fields.year, fields.month - 1, fields.day);
}

/** Returns the date `days` calendar days after `date` (negative goes back). */
export function addCalendarDays(date: string, days: number): string {
  return new Date(utcMidnightOf(date) + days * msPerDay).toISOString().slice(0, 10);
}

/** Returns the day of the week of a calendar date: 0 is Sunday, 6 is Saturday. */
export function dayOfWeek(date: string): number {
  return new Date(utcMidnightOf(date)).getUTCDay();
}

/**
 * Returns the instant at which the wall clock of `timeZone` shows `date` plus
 * `timeOfDayMs`. A wall-clock time skipped by a daylight-saving change resolves to
 * the instant after the gap.
 */
export function zonedInstant(date: string, timeOfDayMs: number, timeZone: string): Date {
  const wallAsUtc = utcMidnightOf(date) + timeOfDayMs;
  // Two passes find the offset in force at the target instant, not at the guess.
  const firstGuess = wallAsUtc - offsetAt(new Date(wallAsUtc), timeZone);
  const secondGuess = wallAsUtc - offsetAt(new Date(firstGuess), timeZone);
  return new Date(secondGuess);
}

/** Returns the first instant of `date` in `timeZone`. */
export function startOfZonedDay(date: string, timeZone: string): Date {
  return zonedInstant(date, 0, timeZone);
}
