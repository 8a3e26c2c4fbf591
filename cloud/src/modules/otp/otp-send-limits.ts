import type { Types } from 'mongoose';
import type { Config } from '../../config';
import { AppError } from '../../http/app-error';
import { isDuplicateKeyError } from '../../lib/mongo-errors';
import { addCalendarDays, startOfZonedDay, zonedDateOf } from '../../lib/zoned-time';
import type { OtpIpQuotaModel } from './otp-ip-quota.model';
import type { OtpSendModel } from './otp-send.model';
import type { OtpPurpose } from './otp.types';

/** How often a send looks again after a concurrent send took the sequence number it wanted. */
const maxClaimRounds = 5;

/** The permission to send one code, held until the send succeeds or is given back. */
export interface SendClaim {
  sendId: Types.ObjectId;
  ipSlotId?: Types.ObjectId;
}

export interface SendLimits {
  /**
   * Checks the resend interval and the daily limit of the purpose and destination and
   * the daily limit of the client address, then claims one send from each. Throws otp.resend_too_soon or
   * otp.daily_limit, before anything is sent, when a limit is reached.
   */
  claim(request: {
    destination: string;
    purpose: OtpPurpose;
    clientIp: string;
    now: Date;
  }): Promise<SendClaim>;
  /** Gives a claim back after a failed send, so it counts against neither interval nor limit. */
  release(claim: SendClaim): Promise<void>;
}

function retryAfter(seconds: number): {
  details: Record<string, number>;
  headers: Record<string, string>;
} {
  const whole = Math.max(1, Math.ceil(seconds));
  return { details: { retryAfterSeconds: whole }, headers: { 'Retry-After': String(whole) } };
}

/**
 * Creates the send limits. Both are claims under unique indexes, not counters:
 * FerretDB 1.24 loses concurrent `$inc` updates and lets every caller of a
 * conditional findOneAndUpdate win, so neither atomic counters nor
 * rate-limiter-flexible's Mongo store (which relies on them) hold a limit there.
 * A unique index holds on both FerretDB and MongoDB.
 */
export function createSendLimits(deps: {
  sends: OtpSendModel;
  ipQuota: OtpIpQuotaModel;
  config: Config;
}): SendLimits {
  const { sends, ipQuota, config } = deps;
  const timeZone = config.BUSINESS_TIME_ZONE;
  const resendMs = config.OTP_RESEND_SECONDS * 1000;

  const secondsUntilTomorrow = (now: Date, day: string) =>
    (startOfZonedDay(addCalendarDays(day, 1), timeZone).getTime() - now.getTime()) / 1000;

  const dailyLimitError = (now: Date, day: string) =>
    new AppError('otp.daily_limit', retryAfter(secondsUntilTomorrow(now, day)));

  /** Keeps a log entry until its day and its resend interval are over (one extra day covers both). */
  const logExpiry = (now: Date, day: string) =>
    new Date(
      Math.max(
        startOfZonedDay(addCalendarDays(day, 2), timeZone).getTime(),
        now.getTime() + resendMs,
      ),
    );

  async function claimDestination(
    destination: string,
    purpose: OtpPurpose,
    now: Date,
    day: string,
  ) {
    for (let round = 0; round < maxClaimRounds; round += 1) {
      const newest = await sends.findOne({ purpose, destination }).sort({ sequence: -1 }).lean();
      if (newest) {
        const waitMs = newest.sentAt.getTime() + resendMs - now.getTime();
        if (waitMs > 0) {
          throw new AppError('otp.resend_too_soon', {
            ...retryAfter(waitMs / 1000),
            params: { seconds: Math.ceil(waitMs / 1000) },
          });
        }
      }
      const sentToday = await sends.countDocuments({ purpose, destination, day });
      if (sentToday >= config.OTP_DAILY_LIMIT_PER_DESTINATION) throw dailyLimitError(now, day);

      try {
        const entry = await sends.create({
          purpose,
          destination,
          sequence: (newest?.sequence ?? 0) + 1,
          day,
          sentAt: now,
          expiresAt: logExpiry(now, day),
        });
        return entry._id;
      } catch (error) {
        // Another send took this number first; the next round finds its entry.
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
    throw new AppError('otp.resend_too_soon', {
      ...retryAfter(config.OTP_RESEND_SECONDS),
      params: { seconds: config.OTP_RESEND_SECONDS },
    });
  }

  async function claimIpSlot(clientIp: string, now: Date, day: string) {
    const taken = new Set(
      (await ipQuota.find({ clientIp, day }, { slot: 1 }).lean()).map((entry) => entry.slot),
    );
    for (let slot = 1; slot <= config.OTP_DAILY_LIMIT_PER_IP; slot += 1) {
      if (taken.has(slot)) continue;
      try {
        const entry = await ipQuota.create({
          clientIp,
          day,
          slot,
          createdAt: now,
          expiresAt: logExpiry(now, day),
        });
        return entry._id;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
    throw dailyLimitError(now, day);
  }

  async function release(claim: SendClaim): Promise<void> {
    await sends.deleteOne({ _id: claim.sendId });
    if (claim.ipSlotId) await ipQuota.deleteOne({ _id: claim.ipSlotId });
  }

  return {
    async claim({ destination, purpose, clientIp, now }) {
      const day = zonedDateOf(now, timeZone);
      const sendId = await claimDestination(destination, purpose, now, day);
      try {
        const ipSlotId = await claimIpSlot(clientIp, now, day);
        return { sendId, ipSlotId };
      } catch (error) {
        await release({ sendId });
        throw error;
      }
    },
    release,
  };
}
