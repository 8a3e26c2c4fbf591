import type { Config } from '../../config';
import type { Logger } from '../../logger';
import {
  addCalendarDays,
  assertTimeZone,
  dayOfWeek,
  startOfZonedDay,
  zonedDateOf,
  zonedInstant,
  zonedTimeOfDay,
} from '../../lib/zoned-time';
import {
  bundledHolidayCalendarFile,
  holidayDatesOf,
  readHolidayCalendarFile,
} from './holiday-calendar-file';
import type { HolidayCalendarFile } from './holiday-calendar-file';

const msPerHour = 60 * 60 * 1000;
/** More consecutive days off than this means a broken calendar, not a long holiday. */
const maxConsecutiveDaysOff = 60;

/** Time left until a review deadline, counted on working days only. */
export interface RemainingWorkingTime {
  overdue: boolean;
  /** Whole hours of working days between now and the deadline; 0 when overdue. */
  workingHours: number;
  /** Working days after today up to and including the deadline day; 0 when due today or overdue. */
  workingDays: number;
}

export interface WorkingCalendar {
  /** IANA time zone in which calendar days begin and end. */
  readonly timeZone: string;
  /** Working days a reviewer has after the submission day. */
  readonly reviewWorkingDays: number;
  /** True for Monday to Friday unless a holiday, and for make-up Saturdays and Sundays. */
  isWorkingDay(date: string): boolean;
  /** Returns the same local time of day on the `days`-th working day after `from`'s local date. */
  addWorkingDays(from: Date, days: number): Date;
  /** Returns the review deadline: the last millisecond of the Nth working day after the submission day. */
  deadlineFor(submittedAt: Date): Date;
  remainingUntil(deadline: Date, now: Date): RemainingWorkingTime;
}

export interface WorkingCalendarOptions {
  timeZone: string;
  reviewWorkingDays: number;
  logger?: Logger;
}

/** Builds a working calendar from a validated calendar file. */
export function createWorkingCalendar(
  file: HolidayCalendarFile,
  options: WorkingCalendarOptions,
): WorkingCalendar {
  const { timeZone, reviewWorkingDays, logger } = options;
  assertTimeZone(timeZone);

  const holidays = new Set(file.years.flatMap(holidayDatesOf));
  const makeUpWorkdays = new Set(
    file.years.flatMap((entry) => entry.workdays.map((workday) => workday.date)),
  );
  const coveredYears = new Set(file.years.map((entry) => entry.year));
  const warnedYears = new Set<number>();

  function warnIfUncovered(date: string): void {
    const year = Number(date.slice(0, 4));
    if (coveredYears.has(year) || warnedYears.has(year)) return;
    warnedYears.add(year);
    logger?.warn(
      { year },
      'holiday calendar has no entry for this year: counting Monday to Friday as working days; add the year to the calendar file',
    );
  }

  function isWorkingDay(date: string): boolean {
    warnIfUncovered(date);
    if (makeUpWorkdays.has(date)) return true;
    if (holidays.has(date)) return false;
    const weekday = dayOfWeek(date);
    return weekday !== 0 && weekday !== 6;
  }

  /** Returns the first working day after `date`. */
  function nextWorkingDay(date: string): string {
    let candidate = addCalendarDays(date, 1);
    for (let daysOff = 0; !isWorkingDay(candidate); daysOff += 1) {
      if (daysOff >= maxConsecutiveDaysOff) {
        throw new Error(
          `Holiday calendar has no working day in the ${maxConsecutiveDaysOff} days after ${date}`,
        );
      }
      candidate = addCalendarDays(candidate, 1);
    }
    return candidate;
  }

  function workingDateAfter(date: string, days: number): string {
    let current = date;
    for (let counted = 0; counted < days; counted += 1) current = nextWorkingDay(current);
    return current;
  }

  function addWorkingDays(from: Date, days: number): Date {
    if (!Number.isInteger(days) || days < 0) {
      throw new RangeError(`addWorkingDays expects a whole number of days >= 0, got ${days}`);
    }
    const target = workingDateAfter(zonedDateOf(from, timeZone), days);
    return zonedInstant(target, zonedTimeOfDay(from, timeZone), timeZone);
  }

  function deadlineFor(submittedAt: Date): Date {
    const lastDay = workingDateAfter(zonedDateOf(submittedAt, timeZone), reviewWorkingDays);
    return new Date(startOfZonedDay(addCalendarDays(lastDay, 1), timeZone).getTime() - 1);
  }

  function remainingUntil(deadline: Date, now: Date): RemainingWorkingTime {
    if (now.getTime() > deadline.getTime())
      return { overdue: true, workingHours: 0, workingDays: 0 };

    const today = zonedDateOf(now, timeZone);
    const deadlineDay = zonedDateOf(deadline, timeZone);
    let workingMs = 0;
    let workingDays = 0;
    for (let date = today; date <= deadlineDay; date = addCalendarDays(date, 1)) {
      if (!isWorkingDay(date)) continue;
      if (date !== today) workingDays += 1;
      const dayStart = Math.max(startOfZonedDay(date, timeZone).getTime(), now.getTime());
      const dayEnd = Math.min(
        startOfZonedDay(addCalendarDays(date, 1), timeZone).getTime(),
        deadline.getTime() + 1,
      );
      workingMs += Math.max(0, dayEnd - dayStart);
    }
    return { overdue: false, workingHours: Math.floor(workingMs / msPerHour), workingDays };
  }

  return { timeZone, reviewWorkingDays, isWorkingDay, addWorkingDays, deadlineFor, remainingUntil };
}

/**
 * Loads the working calendar from HOLIDAY_CALENDAR_FILE, or from the bundled mainland
 * China calendar when unset. Throws HolidayCalendarError for an unreadable or invalid file.
 */
export function loadWorkingCalendar(
  config: Pick<Config, 'HOLIDAY_CALENDAR_FILE' | 'REVIEW_WORKING_DAYS' | 'BUSINESS_TIME_ZONE'>,
  logger?: Logger,
): WorkingCalendar {
  const file = config.HOLIDAY_CALENDAR_FILE ?? bundledHolidayCalendarFile;
  const calendar = readHolidayCalendarFile(file);
  for (const entry of calendar.years) {
    if (entry.status === 'provisional') {
      logger?.warn(
        { year: entry.year, file },
        'holiday calendar year is provisional: make-up working days are missing, so deadlines may be off by a day',
      );
    }
  }
  logger?.debug(
    { file, years: calendar.years.map((entry) => entry.year) },
    'holiday calendar loaded',
  );
  return createWorkingCalendar(calendar, {
    timeZone: config.BUSINESS_TIME_ZONE,
    reviewWorkingDays: config.REVIEW_WORKING_DAYS,
    ...(logger ? { logger } : {}),
  });
}
