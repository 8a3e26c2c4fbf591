import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger';
import { HolidayCalendarError } from '../../src/modules/review/holiday-calendar-file';
import { loadWorkingCalendar } from '../../src/modules/review/working-calendar';

const config = {
  HOLIDAY_CALENDAR_FILE: undefined,
  REVIEW_WORKING_DAYS: 3,
  BUSINESS_TIME_ZONE: 'Asia/Shanghai',
};

/** Returns the instant of a wall-clock time in Shanghai (UTC+8, no daylight saving). */
function shanghai(localDateTime: string): Date {
  return new Date(`${localDateTime}+08:00`);
}

/** Returns the last millisecond of a Shanghai calendar day. */
function endOfShanghaiDay(date: string): Date {
  return shanghai(`${date}T23:59:59.999`);
}

describe('working calendar', () => {
  const calendar = loadWorkingCalendar(config);

  it.each([
    ['2026-03-02', true, 'Monday'],
    ['2026-03-06', true, 'Friday'],
    ['2026-03-07', false, 'Saturday'],
    ['2026-03-08', false, 'Sunday'],
    ['2026-01-01', false, '元旦, a Thursday'],
    ['2026-02-23', false, '春节 ends on a Monday'],
    ['2026-10-07', false, '国庆节, a Wednesday'],
    ['2026-01-04', true, 'make-up Sunday of 元旦'],
    ['2026-02-14', true, 'make-up Saturday of 春节'],
    ['2026-02-28', true, 'make-up Saturday after 春节'],
    ['2026-05-09', true, 'make-up Saturday of 劳动节'],
    ['2026-09-20', true, 'make-up Sunday of 国庆节'],
    ['2026-10-10', true, 'make-up Saturday of 国庆节'],
    ['2027-02-08', false, '2027 春节 (statutory), a Monday'],
    ['2027-06-09', false, '2027 端午节 (statutory), a Wednesday'],
  ])('isWorkingDay(%s) is %s: %s', (date, expected) => {
    expect(calendar.isWorkingDay(date)).toBe(expected);
  });

  describe('deadlineFor', () => {
    it.each([
      ['ordinary week', '2026-03-02T10:00', '2026-03-05'],
      ['skips the weekend', '2026-03-04T09:00', '2026-03-09'],
      ['Friday evening', '2026-03-06T20:00', '2026-03-11'],
      ['Saturday', '2026-03-07T11:00', '2026-03-11'],
      ['before 中秋节 long weekend', '2026-09-24T15:00', '2026-09-30'],
      ['before 国庆节, make-up Saturday counts', '2026-09-30T17:30', '2026-10-10'],
      ['during 国庆节', '2026-10-03T12:00', '2026-10-10'],
      ['make-up Sunday before 国庆节 counts', '2026-09-18T16:00', '2026-09-22'],
      ['before 春节, make-up Saturday counts', '2026-02-13T18:00', '2026-02-25'],
      ['New Year Eve, make-up Sunday counts', '2025-12-31T10:00', '2026-01-06'],
      ['before 劳动节', '2026-04-30T10:00', '2026-05-08'],
      ['before 2027 春节 (statutory days)', '2027-02-04T10:00', '2027-02-11'],
    ])('%s: submitted %s, due end of %s', (_case, submitted, dueDay) => {
      expect(calendar.deadlineFor(shanghai(submitted))).toEqual(endOfShanghaiDay(dueDay));
    });

    it('counts days in Shanghai, not UTC', () => {
      // 2026-03-05T16:30Z is Thursday in UTC but already Friday 00:30 in Shanghai.
      expect(calendar.deadlineFor(new Date('2026-03-05T16:30:00Z'))).toEqual(
        endOfShanghaiDay('2026-03-11'),
      );
      // 2026-03-05T15:30Z is Thursday 23:30 in Shanghai.
      expect(calendar.deadlineFor(new Date('2026-03-05T15:30:00Z'))).toEqual(
        endOfShanghaiDay('2026-03-10'),
      );
    });

    it('handles a daylight-saving change in another zone', () => {
      // London moves to UTC+1 on Sunday 2026-03-29.
      const london = loadWorkingCalendar({ ...config, BUSINESS_TIME_ZONE: 'Europe/London' });
      expect(london.deadlineFor(new Date('2026-03-27T17:00:00Z'))).toEqual(
        new Date('2026-04-01T22:59:59.999Z'),
      );
      expect(london.addWorkingDays(new Date('2026-03-27T09:00:00Z'), 1)).toEqual(
        new Date('2026-03-30T08:00:00Z'),
      );
    });

    it('follows REVIEW_WORKING_DAYS', () => {
      const fiveDays = loadWorkingCalendar({ ...config, REVIEW_WORKING_DAYS: 5 });
      expect(fiveDays.deadlineFor(shanghai('2026-03-02T10:00'))).toEqual(
        endOfShanghaiDay('2026-03-09'),
      );
    });
  });

  describe('addWorkingDays', () => {
    it('keeps the local time of day', () => {
      expect(calendar.addWorkingDays(shanghai('2026-03-06T20:00'), 1)).toEqual(
        shanghai('2026-03-09T20:00'),
      );
    });

    it('returns the same instant for zero days', () => {
      const from = shanghai('2026-03-07T08:15');
      expect(calendar.addWorkingDays(from, 0)).toEqual(from);
    });

    it('crosses a long holiday', () => {
      expect(calendar.addWorkingDays(shanghai('2026-09-30T09:00'), 2)).toEqual(
        shanghai('2026-10-09T09:00'),
      );
    });

    it('rejects negative and fractional days', () => {
      expect(() => calendar.addWorkingDays(shanghai('2026-03-02T09:00'), -1)).toThrow(RangeError);
      expect(() => calendar.addWorkingDays(shanghai('2026-03-02T09:00'), 1.5)).toThrow(RangeError);
    });
  });

  describe('remainingUntil', () => {
    const mondayDeadline = calendar.deadlineFor(shanghai('2026-03-02T10:00'));
    const fridayDeadline = calendar.deadlineFor(shanghai('2026-03-06T20:00'));

    it('counts the rest of today and the following working days', () => {
      expect(calendar.remainingUntil(mondayDeadline, shanghai('2026-03-02T10:00'))).toEqual({
        overdue: false,
        workingHours: 14 + 72,
        workingDays: 3,
      });
    });

    it('reports a deadline due today', () => {
      expect(calendar.remainingUntil(mondayDeadline, shanghai('2026-03-05T12:00'))).toEqual({
        overdue: false,
        workingHours: 12,
        workingDays: 0,
      });
    });

    it('ignores weekend hours', () => {
      expect(calendar.remainingUntil(fridayDeadline, shanghai('2026-03-07T10:00'))).toEqual({
        overdue: false,
        workingHours: 72,
        workingDays: 3,
      });
    });

    it('flags an overdue application', () => {
      expect(calendar.remainingUntil(mondayDeadline, shanghai('2026-03-06T00:00'))).toEqual({
        overdue: true,
        workingHours: 0,
        workingDays: 0,
      });
    });
  });

  it('warns once for a year the calendar does not cover', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const uncovered = loadWorkingCalendar(config, createLogger('warn', sink));
    lines.length = 0;

    expect(uncovered.isWorkingDay('2030-01-07')).toBe(true);
    expect(uncovered.isWorkingDay('2030-01-05')).toBe(false);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('"year":2030');
  });
});

describe('holiday calendar file', () => {
  let folder: string;

  beforeAll(() => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'ucz-calendar-'));
  });

  afterAll(() => {
    fs.rmSync(folder, { recursive: true, force: true });
  });

  function writeCalendar(name: string, content: unknown): string {
    const file = path.join(folder, name);
    fs.writeFileSync(file, JSON.stringify(content));
    return file;
  }

  it('HOLIDAY_CALENDAR_FILE replaces the bundled calendar', () => {
    const file = writeCalendar('custom.json', {
      years: [
        {
          year: 2026,
          status: 'published',
          holidays: [{ name: 'company day', from: '2026-03-03', to: '2026-03-03' }],
          workdays: [{ name: 'company day', date: '2026-03-07' }],
        },
      ],
    });
    const custom = loadWorkingCalendar({ ...config, HOLIDAY_CALENDAR_FILE: file });

    expect(custom.isWorkingDay('2026-03-03')).toBe(false);
    expect(custom.isWorkingDay('2026-03-07')).toBe(true);
    expect(custom.isWorkingDay('2026-10-05')).toBe(true);
    expect(custom.deadlineFor(shanghai('2026-03-02T10:00'))).toEqual(
      endOfShanghaiDay('2026-03-06'),
    );
  });

  it.each([
    ['a make-up day on a weekday', { name: 'x', date: '2026-03-04' }, 'not a Saturday or Sunday'],
    ['an impossible date', { name: 'x', date: '2026-02-30' }, 'expected a date as YYYY-MM-DD'],
    ['a date of another year', { name: 'x', date: '2027-03-06' }, 'outside 2026'],
  ])('rejects %s', (_case, workday, message) => {
    const file = writeCalendar('bad-workday.json', {
      years: [{ year: 2026, status: 'published', holidays: [], workdays: [workday] }],
    });
    expect(() => loadWorkingCalendar({ ...config, HOLIDAY_CALENDAR_FILE: file })).toThrow(
      HolidayCalendarError,
    );
    expect(() => loadWorkingCalendar({ ...config, HOLIDAY_CALENDAR_FILE: file })).toThrow(message);
  });

  it('rejects a day that is both a holiday and a working day', () => {
    const file = writeCalendar('contradiction.json', {
      years: [
        {
          year: 2026,
          status: 'published',
          holidays: [{ name: 'x', from: '2026-03-06', to: '2026-03-08' }],
          workdays: [{ name: 'x', date: '2026-03-07' }],
        },
      ],
    });
    expect(() => loadWorkingCalendar({ ...config, HOLIDAY_CALENDAR_FILE: file })).toThrow(
      'also listed as a holiday',
    );
  });

  it('rejects a missing file and malformed JSON', () => {
    expect(() =>
      loadWorkingCalendar({ ...config, HOLIDAY_CALENDAR_FILE: path.join(folder, 'missing.json') }),
    ).toThrow(HolidayCalendarError);
    const file = path.join(folder, 'broken.json');
    fs.writeFileSync(file, '{ "years": [');
    expect(() => loadWorkingCalendar({ ...config, HOLIDAY_CALENDAR_FILE: file })).toThrow(
      HolidayCalendarError,
    );
  });

  it('rejects an unknown time zone', () => {
    expect(() => loadWorkingCalendar({ ...config, BUSINESS_TIME_ZONE: 'Mars/Olympus' })).toThrow(
      'Unknown time zone',
    );
  });
});
