import { randomBytes } from 'node:crypto';
import { maskEmail, maskPhone, usernameKey } from '@ucz/shared';
import type { LoginCodeChannel, LoginCodeResponse, Locale, TokenTransport } from '@ucz/shared';
import { Types } from 'mongoose';
import type { Connection } from 'mongoose';
import type { Config } from '../../config';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../logger';
import { accountModel } from '../accounts/account.model';
import type { AccountDoc } from '../accounts/account.model';
import { companyModel } from '../accounts/company.model';
import type { CompanyDoc } from '../accounts/company.model';
import type { AuditLog, RequestMeta } from '../audit/audit.service';
import type { OtpService } from '../otp/otp.types';
import { loginChallengeModel } from './login-challenge.model';
import { accountSubject, usernameSubject } from './password-guard';
import type { PasswordGuard } from './password-guard';
import type { AuthRateLimits } from './rate-limits';
import type { IssuedSession, SessionService } from './session.service';

export interface AccountLoginDeps {
  db: Connection;
  clock: Clock;
  config: Config;
  logger: Logger;
  otp: OtpService;
  passwordGuard: PasswordGuard;
  rateLimits: AuthRateLimits;
  sessions: SessionService;
  audit: AuditLog;
}

type FailureReason =
  | 'unknown_account'
  | 'wrong_password'
  | 'wrong_code'
  | 'locked'
  | 'disabled'
  | 'not_activated'
  | 'company_inactive';

/** An account found by a login request, or null, and the guard subject of the attempt. */
interface LoginCandidate {
  account: AccountDoc | null;
  subjectKey: string;
}

/** The one error for every failed password check, so it does not reveal whether the account exists. */
function invalidCredentials(): AppError {
  return new AppError('auth.invalid_credentials');
}

/**
 * Creates account login (账号登录), which takes two steps. The first checks the password
 * and sends a one-time code to the account's mobile or email, returning a challenge id.
 * The second checks the password again and the code, then starts a session.
 */
export function createAccountLoginService(deps: AccountLoginDeps) {
  const { clock, config, otp, passwordGuard, rateLimits, sessions, audit } = deps;
  const log = deps.logger.child({ component: 'account-login' });
  const Accounts = accountModel(deps.db);
  const Companies = companyModel(deps.db);
  const Challenges = loginChallengeModel(deps.db);

  async function recordFailure(
    reason: FailureReason,
    request: RequestMeta,
    account?: AccountDoc,
  ): Promise<void> {
    log.info(
      { reason, accountId: account?._id.toString(), ip: request.ip },
      'account login refused',
    );
    await audit.record({
      action: 'auth.login_failed',
      outcome: 'failure',
      // The name typed for an unknown account is not kept: people sometimes type a password there.
      actor: account
        ? { type: 'account', id: account._id.toString(), label: account.username }
        : { type: 'anonymous' },
      target: account
        ? { type: 'account', id: account._id.toString(), label: account.username }
        : undefined,
      companyId: account?.companyId,
      request,
      details: { reason },
    });
  }

  /**
   * Checks the password of an account with the lockout rule. Unknown, locked, disabled
   * and not yet activated accounts and wrong passwords all throw the same
   * auth.invalid_credentials. An unknown name runs the same guard queries (counted
   * against its username key), the same company lookup and one placeholder hash, so
   * neither the response nor the time taken reveals whether the account exists.
   */
  async function checkPassword(
    candidate: LoginCandidate,
    password: string,
    request: RequestMeta,
  ): Promise<{ account: AccountDoc; company: CompanyDoc }> {
    const { account } = candidate;
    const check = await passwordGuard.check(
      candidate.subjectKey,
      account?.passwordHash ?? undefined,
      password,
    );
    // A fresh id matches no company; the lookup only keeps the query count equal.
    const company = await Companies.findById(
      account?.companyId ?? new Types.ObjectId(),
    ).lean<CompanyDoc>();
    if (!account) {
      await recordFailure('unknown_account', request);
      throw invalidCredentials();
    }
    const accountId = account._id.toString();

    let failure: FailureReason | undefined;
    if (check.result === 'locked') failure = 'locked';
    else if (!account.passwordHash) failure = 'not_activated';
    else if (check.result === 'wrong') failure = 'wrong_password';
    else if (account.status !== 'active') failure = 'disabled';
    else if (company?.status !== 'certified') failure = 'company_inactive';

    if (check.result === 'wrong' && check.lockedUntil) {
      await audit.record({
        action: 'auth.account_locked',
        outcome: 'failure',
        actor: { type: 'system' },
        target: { type: 'account', id: accountId, label: account.username },
        companyId: account.companyId,
        request,
        details: { failures: check.failures, lockedUntil: check.lockedUntil.toISOString() },
      });
    }
    if (failure || !company) {
      await recordFailure(failure ?? 'company_inactive', request, account);
      throw invalidCredentials();
    }
    return { account, company };
  }

  /** Finds the account of a typed name and the guard subject that its failures count against. */
  async function findByUsername(username: string): Promise<LoginCandidate> {
    const key = usernameKey(username);
    const account = await Accounts.findOne({ usernameKey: key }).lean<AccountDoc>();
    return { account, subjectKey: account ? accountSubject(account._id) : usernameSubject(key) };
  }

  /**
   * Step 1 (获取短信验证码 / 使用邮箱验证码): checks the password, then sends the code by SMS
   * to the account's mobile, or by email when asked, when the account has no mobile, or
   * when a copy goes to the customer manager (抄送给客户经理).
   */
  async function requestCode(
    input: {
      username: string;
      password: string;
      channel: LoginCodeChannel;
      copyToManager: boolean;
    },
    request: RequestMeta & { ip: string },
    locale: Locale,
  ): Promise<LoginCodeResponse> {
    await rateLimits.loginAttempt(request.ip);
    const { account, company } = await checkPassword(
      await findByUsername(input.username),
      input.password,
      request,
    );

    const channel: LoginCodeChannel =
      input.channel === 'sms' && account.mobile && !input.copyToManager ? 'sms' : 'email';
    const destination = channel === 'sms' ? (account.mobile as string) : account.emailKey;
    const managerEmail = input.copyToManager
      ? (company.customerManager?.email ?? undefined)
      : undefined;

    const sent = await otp.send({
      purpose: 'login',
      channel,
      destination,
      ...(managerEmail ? { copyTo: [managerEmail] } : {}),
      locale,
      clientIp: request.ip,
    });

    const now = clock.now();
    const challengeId = randomBytes(18).toString('base64url');
    await Challenges.create({
      _id: challengeId,
      accountId: account._id,
      channel,
      destination,
      createdAt: now,
      expiresAt: new Date(now.getTime() + config.OTP_TTL_SECONDS * 1000),
    });
    await audit.record({
      action: 'auth.code_sent',
      actor: { type: 'account', id: account._id.toString(), label: account.username },
      companyId: account.companyId,
      request,
      details: { purpose: 'login', channel, copiedToManager: Boolean(managerEmail) },
    });

    return {
      challengeId,
      channel,
      destination: channel === 'sms' ? maskPhone(destination) : maskEmail(destination),
      copiedToManager: Boolean(managerEmail),
      expiresInSeconds: sent.expiresInSeconds,
      resendAfterSeconds: sent.resendAfterSeconds,
    };
  }

  /** Finds the challenge named by the client, or the newest live one of the account. */
  async function findChallenge(challengeId: string | undefined, account: AccountDoc) {
    const now = clock.now();
    const challenge = challengeId
      ? await Challenges.findById(challengeId).lean()
      : await Challenges.findOne({ accountId: account._id, expiresAt: { $gt: now } })
          .sort({ createdAt: -1 })
          .lean();
    if (
      !challenge ||
      challenge.expiresAt.getTime() <= now.getTime() ||
      !challenge.accountId.equals(account._id)
    ) {
      throw new AppError('auth.challenge_invalid');
    }
    return challenge;
  }

  /**
   * Step 2: checks the password and the code, then starts a session. Throws
   * auth.challenge_invalid for an unknown or expired challenge, auth.invalid_credentials
   * for a failed password check and otp.* for a wrong, expired, used or burned code.
   */
  async function login(
    input: {
      challengeId?: string;
      username?: string;
      password: string;
      code: string;
      tokenTransport: TokenTransport;
    },
    request: RequestMeta & { ip: string },
  ): Promise<{ session: IssuedSession; account: AccountDoc; company: CompanyDoc }> {
    await rateLimits.loginAttempt(request.ip);

    let candidate: LoginCandidate;
    if (input.challengeId) {
      const challenge = await Challenges.findById(input.challengeId).lean();
      if (!challenge || challenge.expiresAt.getTime() <= clock.now().getTime())
        throw new AppError('auth.challenge_invalid');
      const found = await Accounts.findById(challenge.accountId).lean<AccountDoc>();
      if (found && input.username && usernameKey(input.username) !== found.usernameKey)
        throw new AppError('auth.challenge_invalid');
      candidate = { account: found, subjectKey: accountSubject(challenge.accountId) };
    } else {
      candidate = await findByUsername(input.username ?? '');
    }

    const { account, company } = await checkPassword(candidate, input.password, request);
    const challenge = await findChallenge(input.challengeId, account);
    try {
      await otp.verify({ purpose: 'login', destination: challenge.destination, code: input.code });
    } catch (error) {
      if (error instanceof AppError) await recordFailure('wrong_code', request, account);
      throw error;
    }
    await Challenges.deleteMany({ accountId: account._id });

    const session = await sessions.start({
      subjectType: 'account',
      subjectId: account._id.toString(),
      sessionVersion: account.sessionVersion,
      transport: input.tokenTransport,
      request,
    });
    await Accounts.updateOne({ _id: account._id }, { $set: { lastLoginAt: clock.now() } });
    await audit.record({
      action: 'auth.login_succeeded',
      actor: { type: 'account', id: account._id.toString(), label: account.username },
      companyId: account.companyId,
      request,
      details: { channel: challenge.channel, transport: input.tokenTransport },
    });
    log.info(
      { accountId: account._id.toString(), transport: input.tokenTransport },
      'account logged in',
    );
    return { session, account, company };
  }

  /** Deletes expired challenges. */
  async function sweep(): Promise<number> {
    return (await Challenges.deleteMany({ expiresAt: { $lte: clock.now() } })).deletedCount;
  }

  /**
   * Checks an account name and password with the same lockout rule and audit entries as
   * login, for other flows that prove who owns an account (binding WeChat). Throws
   * auth.invalid_credentials like login.
   */
  async function checkCredentials(
    username: string,
    password: string,
    request: RequestMeta,
  ): Promise<{ account: AccountDoc; company: CompanyDoc }> {
    return checkPassword(await findByUsername(username), password, request);
  }

  return { requestCode, login, sweep, checkCredentials };
}

export type AccountLoginService = ReturnType<typeof createAccountLoginService>;
