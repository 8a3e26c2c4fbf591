import type {
  CreateDraftRequest,
  CreateDraftResponse,
  DocumentsStepRequest,
  DraftView,
  EmailCodeResponse,
} from '@ucz/shared';
import mongoose from 'mongoose';
import type { Connection } from 'mongoose';
import type { Config } from '../../config';
import { AppError, invalidFields } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import type { OtpService } from '../otp/otp.types';
import type { AccountStep } from './account-step';
import { parseEmail } from './account-step';
import { accountConflict } from './account-claims';
import type { AccountClaims } from './account-claims';
import { applicationModel } from './application.model';
import type { ApplicationDoc } from './application.model';
import type { DraftDoc } from './draft.model';
import type { DraftStore } from './draft-store';
import type { RequestInfo } from './request-info';
import { newSecretToken } from './secret-token';
import { draftView } from './views';

export interface DraftServiceDeps {
  db: Connection;
  clock: Clock;
  config: Pick<Config, 'AGREEMENT_VERSION' | 'UPLOAD_MAX_BYTES'>;
  store: DraftStore;
  otp: OtpService;
  claims: AccountClaims;
  accountStep: AccountStep;
}

/** Checks the agreement acceptance of a new draft; throws agreement.* errors. */
export function assertAgreementAccepted(input: CreateDraftRequest, currentVersion: string): void {
  if (!input.accepted) throw new AppError('agreement.not_accepted');
  if (input.agreementVersion !== currentVersion) {
    throw new AppError('agreement.version_mismatch', { details: { currentVersion } });
  }
}

/** Draft life cycle: start after the agreement, show, the documents choices, the email code. */
export function createDraftService(deps: DraftServiceDeps) {
  const Application = applicationModel(deps.db);

  /** Builds the draft view, with the number of the application it created or corrects. */
  async function view(draft: DraftDoc): Promise<DraftView> {
    const application = draft.applicationId
      ? await Application.findById(draft.applicationId, {
          number: 1,
          status: 1,
        }).lean<ApplicationDoc>()
      : null;
    return draftView(draft, deps.config.UPLOAD_MAX_BYTES, application);
  }

  /**
   * Starts a draft once the applicant accepted the current agreement, recording the
   * version, time, client address and user agent. Returns the draft token, which is
   * shown only here: the database keeps its SHA-256.
   */
  async function create(
    input: CreateDraftRequest,
    request: RequestInfo,
  ): Promise<CreateDraftResponse> {
    assertAgreementAccepted(input, deps.config.AGREEMENT_VERSION);
    const now = deps.clock.now();
    const { token, hash } = newSecretToken();
    const created = await deps.store.model.create({
      tokenHash: hash,
      agreement: {
        version: input.agreementVersion,
        acceptedAt: now,
        ip: request.clientIp,
        userAgent: request.userAgent,
      },
      locale: request.locale,
      // Fixed now so that every attempt to submit claims and inserts under the same id.
      applicationId: new mongoose.Types.ObjectId(),
      lastSeenAt: now,
    });
    const draft = created.toObject() as DraftDoc;
    request.log.info(
      { draftId: draft._id.toString(), agreementVersion: input.agreementVersion },
      'certification draft started',
    );
    return { draftToken: token, draft: draftView(draft, deps.config.UPLOAD_MAX_BYTES) };
  }

  /**
   * Saves 申请管理员 and the administrator agreement. Ticking it requires accepting the
   * agreement (agreement.admin_not_accepted); the first acceptance time is kept.
   */
  async function saveDocuments(draft: DraftDoc, input: DocumentsStepRequest): Promise<DraftDoc> {
    if (input.applyAdmin && input.adminAgreementAccepted !== true) {
      throw new AppError('agreement.admin_not_accepted', {
        fields: [{ field: 'adminAgreement', code: 'required' }],
      });
    }
    if (!input.applyAdmin) {
      return deps.store.update(draft, {
        $set: { applyAdmin: false },
        $unset: { adminAgreementAcceptedAt: 1 },
      });
    }
    return deps.store.update(draft, {
      $set: {
        applyAdmin: true,
        adminAgreementAcceptedAt: draft.adminAgreementAcceptedAt ?? deps.clock.now(),
      },
    });
  }

  /**
   * Sends the 企业邮箱 verification code (获取验证码) for this purpose and address. An
   * address that is invalid or already taken is rejected before anything is sent.
   */
  async function sendEmailCode(
    draft: DraftDoc,
    email: string,
    request: RequestInfo,
  ): Promise<EmailCodeResponse> {
    const destination = parseEmail(email);
    if (!destination) throw invalidFields({ field: 'email', code: 'invalid' });
    const conflicts = await deps.claims.findConflicts(
      { emailKey: destination },
      draft.applicationId,
    );
    if (conflicts.includes('email')) throw accountConflict(['email']);

    const result = await deps.otp.send({
      purpose: 'certification_email',
      channel: 'email',
      destination,
      locale: request.locale,
      clientIp: request.clientIp,
    });
    request.log.info({ draftId: draft._id.toString() }, 'certification email code sent');
    return {
      resendAfterSeconds: result.resendAfterSeconds,
      expiresInSeconds: result.expiresInSeconds,
    };
  }

  return { view, create, saveDocuments, sendEmailCode, saveAccount: deps.accountStep.save };
}

export type DraftService = ReturnType<typeof createDraftService>;
