import type { Connection, Types } from 'mongoose';
import { isDuplicateKeyError } from '../../lib/mongo-errors';
import { zonedDateOf } from '../../lib/zoned-time';
import type { Logger } from '../../logger';
import { applicationNumberModel } from './application-number.model';
import { counterModel } from './counter.model';

/** Numbers tried per call before giving up; only a wildly stale counter needs more than a few. */
const maxAttempts = 1000;

/**
 * Issues application numbers `UCZ<yyyymmdd>-<6-digit sequence>`, such as
 * UCZ20261204-000001. The date is the submission day in the business time zone; past
 * 999999 the sequence simply grows wider.
 *
 * Each number is reserved by inserting it as a unique _id. The per-day counter is only
 * a hint of where to start, because an `$inc` is not atomic on FerretDB 1.24: two
 * requests could read the same value, but they cannot insert the same number.
 */
export function createApplicationNumbers(deps: {
  db: Connection;
  timeZone: string;
  logger: Logger;
}) {
  const Reservation = applicationNumberModel(deps.db);
  const Counter = counterModel(deps.db);

  function format(day: string, sequence: number): string {
    return `UCZ${day}-${String(sequence).padStart(6, '0')}`;
  }

  /** Returns the number of the application, reserving the next free one on its first call. */
  async function numberFor(applicationId: Types.ObjectId, submittedAt: Date): Promise<string> {
    const earlier = await Reservation.findOne({ applicationId }).lean();
    if (earlier) return earlier._id;

    const day = zonedDateOf(submittedAt, deps.timeZone).replaceAll('-', '');
    const counterId = `application:${day}`;
    const hint = (await Counter.findById(counterId).lean())?.value ?? 0;

    for (let sequence = hint + 1; sequence <= hint + maxAttempts; sequence += 1) {
      const number = format(day, sequence);
      try {
        await Reservation.create({ _id: number, applicationId, issuedAt: submittedAt });
      } catch (error) {
        if (isDuplicateKeyError(error)) continue;
        throw error;
      }
      await Counter.updateOne(
        { _id: counterId },
        { $max: { value: sequence } },
        { upsert: true },
      ).catch((hintError: unknown) => {
        // Two first numbers of a day race on the upsert; a stale hint only costs retries.
        if (!isDuplicateKeyError(hintError))
          deps.logger.warn({ err: hintError }, 'failed to advance the application counter');
      });
      return number;
    }
    throw new Error(
      `no free application number after ${maxAttempts} tries from ${format(day, hint + 1)}`,
    );
  }

  return { numberFor };
}
