import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { addCalendarDays, dayOfWeek, parseIsoDate } from '../../lib/zoned-time';

/** The calendar shipped with the backend: mainland China, 2026 and 2027. */
export const bundledHolidayCalendarFile = path.join(
  __dirname,
  '../../../assets/holidays/cn-mainland.json',
);

const isoDate = z.string().refine((value) => parseIsoDate(value) !== undefined, {
  message: 'expected a date as YYYY-MM-DD',
});

const holidayRange = z
  .object({ name: z.string().min(1), from: isoDate, to: isoDate })
  .refine((range) => range.from <= range.to, { message: '"from" must not be after "to"' });

const makeUpWorkday = z.object({ name: z.string().min(1), date: isoDate });

const calendarYear = z.object({
  year: z.number().int().min(2000).max(2200),
  /** published: the official arrangement; provisional: statutory days only, make-up days unknown. */
  status: z.enum(['published', 'provisional']),
  source: z.string().optional(),
  note: z.string().optional(),
  /** Days off, weekdays and weekend days alike. */
  holidays: z.array(holidayRange),
  /** Saturdays and Sundays that are working days (调休). */
  workdays: z.array(makeUpWorkday),
});

export type HolidayCalendarYear = z.infer<typeof calendarYear>;

function datesOf(range: { from: string; to: string }): string[] {
  const dates: string[] = [];
  // Zod may run the cross-entry checks even after a date failed its own check.
  if (!parseIsoDate(range.from) || !parseIsoDate(range.to)) return dates;
  for (let date = range.from; date <= range.to; date = addCalendarDays(date, 1)) dates.push(date);
  return dates;
}

/** Checks the rules that span entries: unique years, dates inside their year, no contradictions. */
function checkConsistency(file: { years: HolidayCalendarYear[] }, context: z.RefinementCtx): void {
  const seenYears = new Set<number>();
  file.years.forEach((entry, index) => {
    if (seenYears.has(entry.year)) {
      context.addIssue({
        code: 'custom',
        path: ['years', index, 'year'],
        message: `year ${entry.year} is listed twice`,
      });
    }
    seenYears.add(entry.year);

    const holidayDates = new Set(entry.holidays.flatMap(datesOf));
    for (const date of holidayDates) {
      if (!date.startsWith(`${entry.year}-`)) {
        context.addIssue({
          code: 'custom',
          path: ['years', index, 'holidays'],
          message: `${date} is outside ${entry.year}`,
        });
      }
    }
    entry.workdays.forEach((workday, workdayIndex) => {
      const where = ['years', index, 'workdays', workdayIndex, 'date'];
      if (!parseIsoDate(workday.date)) return;
      if (!workday.date.startsWith(`${entry.year}-`)) {
        context.addIssue({
          code: 'custom',
          path: where,
          message: `${workday.date} is outside ${entry.year}`,
        });
      }
      const weekday = dayOfWeek(workday.date);
      if (weekday !== 0 && weekday !== 6) {
        context.addIssue({
          code: 'custom',
          path: where,
          message: `${workday.date} is not a Saturday or Sunday`,
        });
      }
      if (holidayDates.has(workday.date)) {
        context.addIssue({
          code: 'custom',
          path: where,
          message: `${workday.date} is also listed as a holiday`,
        });
      }
    });
  });
}

export const holidayCalendarFileSchema = z
  .object({ description: z.string().optional(), years: z.array(calendarYear).min(1) })
  .superRefine(checkConsistency);

export type HolidayCalendarFile = z.infer<typeof holidayCalendarFileSchema>;

/** Thrown when a calendar file cannot be read or does not match the schema. */
export class HolidayCalendarError extends Error {
  constructor(file: string, problems: string[], options?: { cause?: unknown }) {
    super(
      `Invalid holiday calendar ${file}:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`,
      options,
    );
    this.name = 'HolidayCalendarError';
  }
}

/** Reads and validates a calendar file; throws HolidayCalendarError naming each problem. */
export function readHolidayCalendarFile(file: string): HolidayCalendarFile {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new HolidayCalendarError(file, [(error as Error).message], { cause: error });
  }
  const result = holidayCalendarFileSchema.safeParse(raw);
  if (!result.success) {
    throw new HolidayCalendarError(
      file,
      result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
    );
  }
  return result.data;
}

/** Lists every holiday date of one year entry. */
export function holidayDatesOf(entry: HolidayCalendarYear): string[] {
  return entry.holidays.flatMap(datesOf);
}
