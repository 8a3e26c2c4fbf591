import { normaliseEmail, usernameKey } from '@ucz/shared';
import type {
  ApplicationProgress,
  CreateDraftRequest,
  CreateDraftResponse,
  EmailCodeResponse,
  ProgressResponse,
} from '@ucz/shared';
import type { Connection, Types } from 'mongoose';
import type { Config } from '../../config';
import { AppError, invalidFields } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import { accountModel } from '../accounts/account.model';
import type { PasswordHasher } from '../accounts/password-hasher';
import { accountSubject, usernameSubject } from '../auth/password-guard';
import type { PasswordGuard } from '../auth/password-guard';
import type { OtpService } from '../otp/otp.types';
import { parseEmail } from './account-step';
import { applicationModel } from './application.model';
import type { ApplicationDoc } from './application.model';
import { applicationTokenModel } from './application-token.model';
import type { ApplicationTokenDoc } from './application-token.model';
import { assertAgreementAccepted } from './draft.service';
import type { DraftDoc } from './draft.model';
import type { DraftStore } from './draft-store';
import type { RequestInfo } from './request-info';
import { hashSecretToken, newSecretToken } from './secret-token';
import { applicationProgressView, draftView } from './views';

/** True when the approval of this application created the account. */
function createdAccount(
  application: ApplicationDoc,
  account: { _id: Types.ObjectId; sourceApplicationId?: Types.ObjectId | null },
): boolean {
  return (
    application.approval?.accountId.equals(account._id) === true ||
    account.sourceApplicationId?.equals(application._id) === true
  );
}

/** At most this many applications are listed or have their password hash checked per query. */
const maxApplicationsPerQuery = 20;
const maxHashesChecked = 5;

export interface ProgressServiceDeps {
  db: Connection;
  clock: Clock;
  config: Pick<
    Config,
    | 'APPLICATION_TOKEN_MINUTES'
    | 'AGREEMENT_VERSION'
    | 'OTP_RESEND_SECONDS'
    | 'OTP_TTL_SECONDS'
    | 'UPLOAD_MAX_BYTES'
  >;
  otp: OtpService;
  hasher: PasswordHasher;
  /** The guard of account login, so both count and lock one set of failures. */
  passwordGuard: PasswordGuard;
  store: DraftStore;
}

/**
 * 用户认证查询: finds an applicant's applications by username and password or by email
 * and an emailed code, hands out a short-lived application token, and reopens a
 * rejected application as a new draft.
 */
export function createProgressService(deps: ProgressServiceDeps) {
  const Application = applicationModel(deps.db);
  const Account = accountModel(deps.db);
  const Token = applicationTokenModel(deps.db);

  async function issueToken(applications: ApplicationDoc[]): Promise<ProgressResponse> {
    const { token, hash } = newSecretToken();
    const expiresInSeconds = deps.config.APPLICATION_TOKEN_MINUTES * 60;
    await Token.create({
      tokenHash: hash,
      applicationIds: applications.map((application) => application._id),
      expiresAt: new Date(deps.clock.now().getTime() + expiresInSeconds * 1000),
    });
    return {
      applications: applications.map(applicationProgressView),
      applicationToken: token,
      expiresInSeconds,
    };
  }

  async function applicationsWhere(filter: Record<string, unknown>): Promise<ApplicationDoc[]> {
    return Application.find(filter)
      .sort({ submittedAt: -1 })
      .limit(maxApplicationsPerQuery)
      .lean<ApplicationDoc[]>();
  }

  /**
   * Lists the applications of a username that the password opens: each application whose
   * own password (set at submission) matches, and, when the account's password matches,
   * the application whose approval created that account. The username alone links no
   * application to the account, because a rejection frees the name for another person.
   * Unknown names and wrong passwords get the same auth.invalid_credentials after the
   * same amount of hashing. A right password that opens no application gets
   * application.not_found, whether or not other applications use the name.
   * Attempts go through the password guard of account login: they count against the
   * account (or, for a name without account, against its username key) together with
   * login failures, and a locked name gets request.rate_limited.
   */
  async function byPassword(
    input: { username: string; password: string },
    request: RequestInfo,
  ): Promise<ProgressResponse> {
    const key = usernameKey(input.username);
    const [account, applications] = await Promise.all([
      Account.findOne({ usernameKey: key }, { passwordHash: 1, sourceApplicationId: 1 }).lean(),
      applicationsWhere({ 'account.usernameKey': key }),
    ]);
    const hashes = [
      account?.passwordHash,
      ...applications.map((application) => application.passwordHash),
    ]
      .filter((hash): hash is string => Boolean(hash))
      .filter((hash, index, all) => all.indexOf(hash) === index)
      .slice(0, maxHashesChecked);

    // Every hash is checked, so a right password costs as much as a wrong one.
    const matched = new Set<string>();
    const subjectKey = account ? accountSubject(account._id) : usernameSubject(key);
    const check = await deps.passwordGuard.attempt(subjectKey, input.password, async () => {
      if (hashes.length === 0) {
        await deps.hasher.verifyNothing(input.password);
        return 'mismatch';
      }
      for (const hash of hashes) {
        if (await deps.hasher.verify(hash, input.password)) matched.add(hash);
      }
      if (matched.size === 0) return 'mismatch';
      // Only the account's own password clears the failures that login counted.
      return !account || (account.passwordHash && matched.has(account.passwordHash))
        ? 'match'
        : 'accepted';
    });

    if (check.result === 'locked') {
      const seconds = Math.max(
        1,
        Math.ceil((check.lockedUntil.getTime() - deps.clock.now().getTime()) / 1000),
      );
      request.log.info({ retryAfterSeconds: seconds }, 'progress query rejected: name locked');
      throw new AppError('request.rate_limited', {
        details: { retryAfterSeconds: seconds },
        headers: { 'Retry-After': String(seconds) },
      });
    }
    if (check.result === 'wrong') {
      request.log.info({ failures: check.failures }, 'progress query rejected: wrong password');
      throw new AppError('auth.invalid_credentials');
    }
    const owner = account?.passwordHash && matched.has(account.passwordHash) ? account : null;
    const visible = applications.filter(
      (application) =>
        matched.has(application.passwordHash) ||
        (owner !== null && createdAccount(application, owner)),
    );
    // An account created by a company admin has a password but no application of its own.
    if (visible.length === 0) throw new AppError('application.not_found');
    request.log.info({ applications: visible.length }, 'progress query by password');
    return issueToken(visible);
  }

  /**
   * Sends a progress-query code when some application uses this email. For an unknown
   * address nothing is sent, but the same limits are counted and the response is the
   * same, so the endpoint does not reveal which addresses applied.
   */
  async function sendCode(email: string, request: RequestInfo): Promise<EmailCodeResponse> {
    const destination = parseEmail(email);
    if (!destination) throw invalidFields({ field: 'email', code: 'invalid' });
    const known = await Application.exists({ 'account.emailKey': destination });
    const sendRequest = {
      purpose: 'progress_query' as const,
      channel: 'email' as const,
      destination,
      locale: request.locale,
      clientIp: request.clientIp,
    };
    const result = known
      ? await deps.otp.send(sendRequest)
      : await deps.otp.countWithoutSending(sendRequest);
    return {
      resendAfterSeconds: result.resendAfterSeconds,
      expiresInSeconds: result.expiresInSeconds,
    };
  }

  /** Lists the applications of an email after its code checks out (otp.* errors otherwise). */
  async function byEmail(
    input: { email: string; code: string },
    request: RequestInfo,
  ): Promise<ProgressResponse> {
    const destination = normaliseEmail(input.email);
    await deps.otp.verify({ purpose: 'progress_query', destination, code: input.code });
    const applications = await applicationsWhere({ 'account.emailKey': destination });
    if (applications.length === 0) throw new AppError('application.not_found');
    request.log.info({ applications: applications.length }, 'progress query by email code');
    return issueToken(applications);
  }

  /** Returns the application ids an `X-Application-Token` grants; auth.unauthenticated when missing or expired. */
  async function grantedIds(token: string | undefined): Promise<Types.ObjectId[]> {
    if (!token) throw new AppError('auth.unauthenticated');
    const grant = await Token.findOne({
      tokenHash: hashSecretToken(token),
    }).lean<ApplicationTokenDoc>();
    if (!grant || grant.expiresAt.getTime() <= deps.clock.now().getTime())
      throw new AppError('auth.unauthenticated');
    return grant.applicationIds;
  }

  async function list(token: string | undefined): Promise<ApplicationProgress[]> {
    const ids = await grantedIds(token);
    const applications = await applicationsWhere({ _id: { $in: ids } });
    return applications.map(applicationProgressView);
  }

  /**
   * Opens a new draft prefilled from a rejected application (company, categories,
   * documents, account without password). Submitting it updates the same application.
   */
  async function reopen(
    token: string | undefined,
    number: string,
    agreement: CreateDraftRequest,
    request: RequestInfo,
  ): Promise<CreateDraftResponse> {
    const ids = await grantedIds(token);
    const application = await Application.findOne({
      number,
      _id: { $in: ids },
    }).lean<ApplicationDoc>();
    if (!application) throw new AppError('application.not_found');
    if (application.status !== 'rejected') throw new AppError('application.not_resubmittable');
    assertAgreementAccepted(agreement, deps.config.AGREEMENT_VERSION);

    const now = deps.clock.now();
    const { token: draftToken, hash } = newSecretToken();
    const created = await deps.store.model.create({
      tokenHash: hash,
      agreement: {
        version: agreement.agreementVersion,
        acceptedAt: now,
        ip: request.clientIp,
        userAgent: request.userAgent,
      },
      locale: request.locale,
      mode: application.type,
      companyId: application.companyId,
      company: application.company,
      categories: application.categories,
      otherDescription: application.otherDescription,
      applyAdmin: application.applyAdmin,
      adminAgreementAcceptedAt: application.adminAgreementAcceptedAt,
      files: application.files,
      account: application.account,
      applicationId: application._id,
      reopenedRevision: application.revision,
      lastSeenAt: now,
    });
    const draft = created.toObject() as DraftDoc;
    request.log.info(
      {
        draftId: draft._id.toString(),
        applicationNumber: application.number,
        revision: application.revision,
      },
      'rejected application reopened as a draft',
    );
    return {
      draftToken,
      draft: draftView(draft, deps.config.UPLOAD_MAX_BYTES, application),
    };
  }

  return { byPassword, sendCode, byEmail, list, reopen };
}

export type ProgressService = ReturnType<typeof createProgressService>;
