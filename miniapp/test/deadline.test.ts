import { byDeadline, deadlineStanding } from '@/pages/review/deadline';

const item = (remainingWorkingHours: number, remainingWorkingDays: number, overdue = false) => ({
  overdue,
  remainingWorkingHours,
  remainingWorkingDays,
  reviewWindowWorkingHours: 96,
});

describe('deadline standing', () => {
  test.each([
    ['a fresh application', 'ok', item(90, 3)],
    ['half of the window left', 'soon', item(48, 2)],
    ['a quarter left', 'urgent', item(24, 1)],
    ['the last working day', 'urgent', item(20, 0)],
    ['a passed deadline', 'overdue', item(0, 0, true)],
  ])('%s is %s', (_name, level, input) => {
    expect(deadlineStanding(input).level).toBe(level);
  });

  test('the used share grows as hours run out', () => {
    expect(deadlineStanding(item(96, 3)).usedShare).toBe(0);
    expect(deadlineStanding(item(48, 2)).usedShare).toBe(0.5);
    expect(deadlineStanding(item(0, 0, true)).usedShare).toBe(1);
  });

  test('a window shorter than the hours left counts as unused', () => {
    const standing = deadlineStanding({ ...item(30, 1), reviewWindowWorkingHours: 0 });
    expect(standing).toEqual({ level: 'ok', usedShare: 0 });
  });
});

test('byDeadline orders by deadline, then submission', () => {
  const entries = [
    { id: 'c', deadline: '2026-01-09T00:00:00.000Z', submittedAt: '2026-01-05T00:00:00.000Z' },
    { id: 'b', deadline: '2026-01-08T00:00:00.000Z', submittedAt: '2026-01-04T03:00:00.000Z' },
    { id: 'a', deadline: '2026-01-08T00:00:00.000Z', submittedAt: '2026-01-04T01:00:00.000Z' },
  ];
  expect(byDeadline(entries).map((entry) => entry.id)).toEqual(['a', 'b', 'c']);
  expect(entries.map((entry) => entry.id)).toEqual(['c', 'b', 'a']);
});
