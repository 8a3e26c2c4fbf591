import type { ReviewQueueItem } from '@ucz/shared';

/** Closeness of an application to its review deadline, from calm to late. */
export type DeadlineLevel = 'ok' | 'soon' | 'urgent' | 'overdue';

export interface DeadlineStanding {
  level: DeadlineLevel;
  /** Share of the review window's working hours already used, 0 to 1. */
  usedShare: number;
}

/**
 * Places an application against its deadline, counted in working hours: overdue once the
 * deadline has passed, urgent on its last working day or with a quarter of the window
 * left, soon with half of it left.
 */
export function deadlineStanding(
  item: Pick<
    ReviewQueueItem,
    'overdue' | 'remainingWorkingHours' | 'remainingWorkingDays' | 'reviewWindowWorkingHours'
  >,
): DeadlineStanding {
  if (item.overdue) return { level: 'overdue', usedShare: 1 };
  const window = Math.max(item.reviewWindowWorkingHours, item.remainingWorkingHours, 1);
  const leftShare = item.remainingWorkingHours / window;
  const usedShare = Math.min(1, Math.max(0, 1 - leftShare));
  if (item.remainingWorkingDays === 0 || leftShare <= 0.25) return { level: 'urgent', usedShare };
  if (leftShare <= 0.5) return { level: 'soon', usedShare };
  return { level: 'ok', usedShare };
}

/** Orders applications by deadline, earliest first, then by submission time. */
export function byDeadline<T extends Pick<ReviewQueueItem, 'deadline' | 'submittedAt'>>(
  items: readonly T[],
): T[] {
  return [...items].sort(
    (a, b) =>
      Date.parse(a.deadline) - Date.parse(b.deadline) ||
      Date.parse(a.submittedAt) - Date.parse(b.submittedAt),
  );
}
