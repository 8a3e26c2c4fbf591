import { locales, maskEmail, maskPhone, normaliseEmail } from '@ucz/shared';
import type { Connection, Types } from 'mongoose';
import { z } from 'zod';
import type { Config } from '../../config';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import { isDuplicateKeyError } from '../../lib/mongo-errors';
import type { Logger } from '../../logger';
import type { Mailer, SmsSender } from '../notifications/notification.types';
import { consumedSlot, otpAttemptModel } from './otp-attempt.model';
import type { OtpAttemptModel } from './otp-attempt.model';
import { generateOtpCode, hashOtpCode, otpCodeMatches } from './otp-code';
import { otpCodeModel } from './otp-code.model';
import { otpIpQuotaModel } from './otp-ip-quota.model';
import { otpEmail, otpSms } from './otp-messages';
import { createSendLimits } from './otp-send-limits';
import { otpSendModel } from './otp-send.model';
import { otpPurposes } from './otp.types';
import type { OtpSendRequest, OtpService } from './otp.types';

export interface OtpServiceDeps {
  db: Connection;
  config: Config;
  clock: Clock;
  mailer: Mailer;
  sms: SmsSender;
  logger: Logger;
}

/**
 * Normalises a destination again, so that case or width variants of one address share
 * its limits and codes even when a caller forgot to normalise. Idempotent.
 */
const destinationSchema = z
  .string()
  .trim()
  .min(1)
  .transform((value) => (value.includes('@') ? normaliseEmail(value) : value));

const sendRequestSchema = z.object({
  purpose: z.enum(otpPurposes),
  channel: z.enum(['email', 'sms']),
  destination: destinationSchema,
  copyTo: z.array(z.string().trim().min(1)).optional(),
  locale: z.enum(locales),
  clientIp: z.string(),
});

const verifyRequestSchema = z.object({
  purpose: z.enum(otpPurposes),
  destination: destinationSchema,
  code: z.string(),
});

/** Masks a destination for logs: addresses and numbers are personal data. */
function maskDestination(channel: 'email' | 'sms', destination: string): string {
  return channel === 'email' ? maskEmail(destination) : maskPhone(destination);
}

/**
 * Claims the next verification attempt of a code: slots 1..maxAttempts, each taken by
 * exactly one request through the unique index. Returns the slot, or undefined once
 * every slot is taken (the code is burned).
 */
async function claimAttemptSlot(
  attempts: OtpAttemptModel,
  code: { _id: Types.ObjectId; expiresAt: Date },
  maxAttempts: number,
  now: Date,
): Promise<number | undefined> {
  const taken = new Set(
    (
      await attempts.find({ codeId: code._id, slot: { $gt: consumedSlot } }, { slot: 1 }).lean()
    ).map((entry) => entry.slot),
  );
  for (let slot = 1; slot <= maxAttempts; slot += 1) {
    if (taken.has(slot)) continue;
    try {
      await attempts.create({ codeId: code._id, slot, createdAt: now, expiresAt: code.expiresAt });
      return slot;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
  }
  return undefined;
}

/**
 * Creates the one-time code service. A code has 6 digits, is stored as a salted
 * HMAC, lives OTP_TTL_SECONDS, allows OTP_MAX_ATTEMPTS verification attempts and one
 * successful use, and only the newest code of a purpose and destination is accepted.
 * Sends are limited per purpose and destination (resend interval and daily limit) and
 * per client address over all purposes (daily limit). A send claims its share of each limit before the message goes
 * out and gives it back when the message cannot be delivered.
 */
export function createOtpService(deps: OtpServiceDeps): OtpService {
  const { db, config, clock, mailer, sms } = deps;
  const log = deps.logger.child({ component: 'otp' });
  const codes = otpCodeModel(db);
  const attempts = otpAttemptModel(db);
  const limits = createSendLimits({
    sends: otpSendModel(db),
    ipQuota: otpIpQuotaModel(db),
    config,
  });
  const ttlMs = config.OTP_TTL_SECONDS * 1000;

  async function deliver(request: OtpSendRequest, code: string): Promise<void> {
    const content = {
      locale: request.locale,
      purpose: request.purpose,
      code,
      ttlSeconds: config.OTP_TTL_SECONDS,
    };
    if (request.channel === 'sms') {
      await sms.send({ to: request.destination, text: otpSms(content) });
      return;
    }
    // The customer manager's copy goes in the same message, so both arrive or neither.
    await mailer.send({
      to: [request.destination, ...(request.copyTo ?? [])],
      ...otpEmail(content),
    });
  }

  return {
    async send(input) {
      const request = sendRequestSchema.parse(input) as OtpSendRequest;
      const now = clock.now();
      const logContext = {
        purpose: request.purpose,
        channel: request.channel,
        destination: maskDestination(request.channel, request.destination),
        copies: request.copyTo?.length ?? 0,
      };

      const claim = await limits.claim({
        destination: request.destination,
        purpose: request.purpose,
        clientIp: request.clientIp,
        now,
      });

      let codeId: Types.ObjectId | undefined;
      try {
        const code = generateOtpCode();
        const stored = await codes.create({
          purpose: request.purpose,
          destination: request.destination,
          channel: request.channel,
          ...hashOtpCode(code, request.purpose, request.destination),
          createdAt: now,
          expiresAt: new Date(now.getTime() + ttlMs),
        });
        codeId = stored._id;
        await deliver(request, code);
      } catch (error) {
        // Withdraw the code and give the claim back, so the user can ask again at once.
        if (codeId) await codes.deleteOne({ _id: codeId });
        await limits.release(claim);
        log.warn(
          { ...logContext, err: error },
          'one-time code not delivered; code withdrawn and send not counted',
        );
        throw new AppError('otp.delivery_failed', { cause: error });
      }

      log.info({ ...logContext, codeId: String(codeId) }, 'one-time code sent');
      return {
        resendAfterSeconds: config.OTP_RESEND_SECONDS,
        expiresInSeconds: config.OTP_TTL_SECONDS,
      };
    },

    async countWithoutSending(input) {
      const request = sendRequestSchema.parse(input) as OtpSendRequest;
      await limits.claim({
        destination: request.destination,
        purpose: request.purpose,
        clientIp: request.clientIp,
        now: clock.now(),
      });
      log.info(
        {
          purpose: request.purpose,
          channel: request.channel,
          destination: maskDestination(request.channel, request.destination),
        },
        'one-time code request counted without sending: unknown destination',
      );
      return {
        resendAfterSeconds: config.OTP_RESEND_SECONDS,
        expiresInSeconds: config.OTP_TTL_SECONDS,
      };
    },

    async verify(input) {
      const request = verifyRequestSchema.parse(input);
      const now = clock.now();
      const newest = await codes
        .findOne({ purpose: request.purpose, destination: request.destination })
        .sort({ createdAt: -1, _id: -1 })
        .lean();
      const logContext = {
        purpose: request.purpose,
        codeId: newest ? String(newest._id) : undefined,
      };

      if (!newest) throw new AppError('otp.invalid');
      if (now.getTime() >= newest.expiresAt.getTime()) throw new AppError('otp.expired');
      if (await attempts.exists({ codeId: newest._id, slot: consumedSlot }))
        throw new AppError('otp.invalid');

      const slot = await claimAttemptSlot(attempts, newest, config.OTP_MAX_ATTEMPTS, now);
      if (slot === undefined) throw new AppError('otp.attempts_exceeded');

      if (!otpCodeMatches(request.code, newest, request.purpose, request.destination)) {
        const burned = slot >= config.OTP_MAX_ATTEMPTS;
        log.info({ ...logContext, attempt: slot, burned }, 'one-time code rejected: wrong code');
        throw new AppError(burned ? 'otp.attempts_exceeded' : 'otp.invalid');
      }

      try {
        await attempts.create({
          codeId: newest._id,
          slot: consumedSlot,
          createdAt: now,
          expiresAt: newest.expiresAt,
        });
      } catch (error) {
        // A concurrent request used the same code a moment earlier.
        if (isDuplicateKeyError(error)) throw new AppError('otp.invalid');
        throw error;
      }
      log.info({ ...logContext, attempt: slot }, 'one-time code verified');
    },
  };
}
