import type { Connection } from 'mongoose';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../logger';
import { otpAttemptModel } from './otp-attempt.model';
import { otpCodeModel } from './otp-code.model';
import { otpIpQuotaModel } from './otp-ip-quota.model';
import { otpSendModel } from './otp-send.model';

export interface OtpSweepResult {
  codes: number;
  attempts: number;
  sends: number;
  ipSlots: number;
}

/**
 * Deletes expired one-time codes, their attempt records and the send-limit entries
 * whose day and resend interval are over. FerretDB 1.24 has no TTL indexes, and the
 * service checks expiry on every read, so the sweep only keeps the collections small.
 * It is safe to run at any time and on several instances at once.
 */
export async function sweepExpiredOtpRecords(deps: {
  db: Connection;
  clock: Clock;
  logger: Logger;
}): Promise<OtpSweepResult> {
  const now = deps.clock.now();
  const expired = { expiresAt: { $lte: now } };

  const result: OtpSweepResult = {
    codes: (await otpCodeModel(deps.db).deleteMany(expired)).deletedCount,
    attempts: (await otpAttemptModel(deps.db).deleteMany(expired)).deletedCount,
    sends: (await otpSendModel(deps.db).deleteMany(expired)).deletedCount,
    ipSlots: (await otpIpQuotaModel(deps.db).deleteMany(expired)).deletedCount,
  };
  const total = result.codes + result.attempts + result.sends + result.ipSlots;
  if (total > 0)
    deps.logger.info({ component: 'otp', ...result }, 'expired one-time code records swept');
  return result;
}
