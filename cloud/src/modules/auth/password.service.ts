import { createHash } from 'node:crypto';
import { isStrongPassword, normaliseEmail } from '@ucz/shared';
import type { Locale, TokenTransport } from '@ucz/shared';
import { Types } from 'mongoose';
import type { Connection } from 'mongoose';
import { z } from 'zod';
import type { Config } from '../../config';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import { createLeaseLocks } from '../../lib/lease-lock';
import type { Logger } from '../../logger';
import type { PasswordHasher } from '../accounts/password-hasher';
import { accountModel } from '../accounts/account.model';
import type { AccountDoc } from '../accounts/account.model';
import type { ActivationLinks } from '../accounts/activation-links';
import type { AuditAction, AuditLog, RequestMeta } from '../audit/audit.service';
import type { OtpService } from '../otp/otp.types';
import type { PasswordGuard } from './password-guard';
import type { PasswordNotices } from './password-notices';
import type { AuthRateLimits } from './rate-limits';
import type { IssuedSession, SessionService } from './session.service';

export interface PasswordServiceDeps {
  db: Connection;
  clock: Clock;
  config: Config;
  logger: Logger;
  hasher: PasswordHasher;
  otp: OtpService;
  passwordGuard: PasswordGuard;
  rateLimits: AuthRateLimits;
  sessions: SessionService;
  activationLinks: ActivationLinks;
  audit: AuditLog;
  notices: PasswordNotices;
}

const emailFormat = z.email();

/**
 * How long a password change keeps its claim on the old password. It must outlast the
 * time a concurrent request takes from reading the account to claiming, which is one
 * Argon2 verification.
 */
const changeClaimMs = 15 * 60_000;

/** Names the lease that the first change of one stored password hash claims. */
function changeClaimKey(accountId: string, passwordHash: string): string {
  const digest = createHash('sha256').update(passwordHash).digest('hex').slice(0, 32);
  return `password-change:${accountId}:${digest}`;
}

/**
 * Tells whether the account has had a password before, so that setting one now resets
 * it rather than activating the account. An approved account got its first password
 * from the application. An account an admin added got it when it was first set here.
 */
function hasHadPassword(account: AccountDoc): boolean {
  return Boolean(account.passwordHash ?? account.passwordChangedAt ?? account.sourceApplicationId);
}

function weakPassword(field: string): AppError {
  return new AppError('password.weak', { fields: [{ field, code: 'weak_password' }] });
}

/** Returns the normalised address, or throws request.invalid marking `email`. */
function emailKeyOf(email: string): string {
  const key = normaliseEmail(email);
  if (!emailFormat.safeParse(key).success) {
    throw new AppError('request.invalid', { fields: [{ field: 'email', code: 'invalid' }] });
  }
  return key;
}

/**
 * Password change, password reset by emailed code, and setting a password through an
 * admin's emailed link (activation). Each ends every session of the account.
 */
export function createPasswordService(deps: PasswordServiceDeps) {
  const {
    clock,
    config,
    hasher,
    otp,
    passwordGuard,
    rateLimits,
    sessions,
    activationLinks,
    audit,
    notices,
  } = deps;
  const log = deps.logger.child({ component: 'passwords' });
  const Accounts = accountModel(deps.db);
  const locks = createLeaseLocks({ db: deps.db, clock });

  /**
   * Stores a new password hash, clears failed attempts and ends every session of the
   * account. Returns the new password's id and when it was set.
   */
  async function setPassword(
    accountId: Types.ObjectId,
    password: string,
  ): Promise<{ passwordSetId: Types.ObjectId; setAt: Date }> {
    const passwordHash = await hasher.hash(password);
    const passwordSetId = new Types.ObjectId();
    const setAt = clock.now();
    await Accounts.updateOne(
      { _id: accountId },
      { $set: { passwordHash, passwordChangedAt: setAt, passwordSetId } },
    );
    await passwordGuard.clear(`account:${accountId.toString()}`);
    await sessions.endAllFor('account', accountId.toString(), 'session_version');
    return { passwordSetId, setAt };
  }

  /** Sends the security notice of a password just set, named after that password. */
  async function sendNotice(
    event: 'password_changed' | 'password_reset',
    account: AccountDoc,
    set: { passwordSetId: Types.ObjectId; setAt: Date },
  ): Promise<void> {
    await notices.send({
      event,
      account,
      occurredAt: set.setAt,
      eventKey: `${event}:${set.passwordSetId.toString()}`,
    });
  }

  /**
   * Changes the password of a logged-in account after checking the old one (with the
   * lockout rule). Ends every session, then starts a new one for this client.
   */
  async function change(
    input: {
      accountId: string;
      oldPassword: string;
      newPassword: string;
      transport: TokenTransport;
    },
    request: RequestMeta,
  ): Promise<IssuedSession> {
    const account = await Accounts.findById(input.accountId).lean<AccountDoc>();
    if (!account) throw new AppError('auth.unauthenticated');
    if (!isStrongPassword(input.newPassword)) throw weakPassword('newPassword');

    const check = await passwordGuard.check(
      `account:${input.accountId}`,
      account.passwordHash ?? undefined,
      input.oldPassword,
    );
    if (check.result !== 'ok') {
      log.info(
        { accountId: input.accountId, result: check.result },
        'password change refused: old password not accepted',
      );
      throw new AppError('password.incorrect', {
        fields: [{ field: 'oldPassword', code: 'invalid' }],
      });
    }

    // Concurrent requests with the same old password all pass the check above, and
    // FerretDB 1.24 does not apply a conditional update atomically. So the change first
    // claims the checked hash under a unique _id, and only the winner sets a password.
    // The claim is not released on success: a request that verified the old hash before
    // the change must not claim it afterwards.
    const release = account.passwordHash
      ? await locks.tryAcquire(changeClaimKey(input.accountId, account.passwordHash), changeClaimMs)
      : undefined;
    if (!release) {
      log.info(
        { accountId: input.accountId },
        'password change refused: a concurrent change used the old password',
      );
      throw new AppError('password.incorrect', {
        fields: [{ field: 'oldPassword', code: 'invalid' }],
      });
    }
    let set: { passwordSetId: Types.ObjectId; setAt: Date };
    try {
      set = await setPassword(account._id, input.newPassword);
    } catch (error) {
      await release();
      throw error;
    }
    const updated = await Accounts.findById(account._id, { sessionVersion: 1 }).lean();
    await audit.record({
      action: 'auth.password_changed',
      actor: { type: 'account', id: input.accountId, label: account.username },
      target: { type: 'account', id: input.accountId, label: account.username },
      companyId: account.companyId,
      request,
    });
    await sendNotice('password_changed', account, set);
    return sessions.start({
      subjectType: 'account',
      subjectId: input.accountId,
      sessionVersion: updated?.sessionVersion ?? account.sessionVersion + 1,
      transport: input.transport,
      request,
    });
  }

  async function sendResetCode(
    account: AccountDoc,
    locale: Locale,
    request: RequestMeta & { ip: string },
  ) {
    await otp.send({
      purpose: 'password_reset',
      channel: 'email',
      destination: account.emailKey,
      locale,
      clientIp: request.ip,
    });
    await audit.record({
      action: 'auth.code_sent',
      actor: { type: 'anonymous' },
      target: { type: 'account', id: account._id.toString(), label: account.username },
      companyId: account.companyId,
      request,
      details: { purpose: 'password_reset', channel: 'email' },
    });
  }

  /**
   * Sends a password reset code to the email of an account, when an enabled account
   * uses that address. The response is the same whether or not one does, and it is sent
   * before the code, so neither its content nor its timing reveals the account.
   */
  async function requestResetCode(
    email: string,
    locale: Locale,
    request: RequestMeta & { ip: string },
  ) {
    await rateLimits.passwordResetRequest(request.ip);
    const emailKey = emailKeyOf(email);
    const account = await Accounts.findOne({ emailKey, status: 'active' }).lean<AccountDoc>();
    if (account) {
      // Limit and delivery errors are only logged, because returning them would reveal the account.
      sendResetCode(account, locale, request).catch((error: unknown) => {
        const code = error instanceof AppError ? error.code : undefined;
        log.warn(
          { accountId: account._id.toString(), code, err: code ? undefined : error },
          'password reset code not sent',
        );
      });
    }
    return {
      accepted: true as const,
      resendAfterSeconds: config.OTP_RESEND_SECONDS,
      expiresInSeconds: config.OTP_TTL_SECONDS,
    };
  }

  /**
   * Sets a new password with an emailed reset code. The password rule is checked before
   * the code, so a weak password does not use up the code.
   */
  async function reset(
    input: { email: string; code: string; newPassword: string; field?: 'newPassword' | 'password' },
    request: RequestMeta,
  ): Promise<void> {
    const emailKey = emailKeyOf(input.email);
    if (!isStrongPassword(input.newPassword)) throw weakPassword(input.field ?? 'newPassword');
    await otp.verify({ purpose: 'password_reset', destination: emailKey, code: input.code });

    const account = await Accounts.findOne({ emailKey }).lean<AccountDoc>();
    // A code is sent only for an existing account; this covers an account deleted meanwhile.
    if (!account) throw new AppError('otp.invalid');
    const set = await setPassword(account._id, input.newPassword);
    await activationLinks.withdrawAll(account._id);
    await recordPasswordSet(
      account,
      account.passwordHash ? 'auth.password_reset' : 'account.activated',
      request,
      'email_code',
    );
    // The first password of an account an admin added activates it; the account-created notice covers that.
    if (hasHadPassword(account)) await sendNotice('password_reset', account, set);
  }

  async function recordPasswordSet(
    account: AccountDoc,
    action: AuditAction,
    request: RequestMeta,
    method: string,
  ) {
    log.info({ accountId: account._id.toString(), action, method }, 'password set');
    await audit.record({
      action,
      actor: { type: 'account', id: account._id.toString(), label: account.username },
      target: { type: 'account', id: account._id.toString(), label: account.username },
      companyId: account.companyId,
      request,
      details: { method },
    });
  }

  /**
   * Sets the password of an account through the link an admin's action emailed (first
   * password or after an admin reset), or with email and reset code. Throws
   * activation.invalid for an unknown, expired or used link.
   */
  async function activate(
    input: { token?: string; email?: string; code?: string; password: string },
    request: RequestMeta,
  ): Promise<void> {
    if (!input.token) {
      await reset(
        {
          email: input.email ?? '',
          code: input.code ?? '',
          newPassword: input.password,
          field: 'password',
        },
        request,
      );
      return;
    }
    if (!isStrongPassword(input.password)) throw weakPassword('password');
    const link = await activationLinks.consume(input.token);
    const account = link ? await Accounts.findById(link.accountId).lean<AccountDoc>() : null;
    if (!link || !account) throw new AppError('activation.invalid');

    const set = await setPassword(account._id, input.password);
    await recordPasswordSet(
      account,
      link.purpose === 'activate' ? 'account.activated' : 'auth.password_reset',
      request,
      'link',
    );
    if (link.purpose === 'reset') await sendNotice('password_reset', account, set);
  }

  return { change, requestResetCode, reset, activate };
}

export type PasswordService = ReturnType<typeof createPasswordService>;
