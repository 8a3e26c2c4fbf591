import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { isStrongPassword } from '@ucz/shared';
import type { SubmitRequest, SubmitResponse } from '@ucz/shared';
import mongoose from 'mongoose';
import type { Connection, Types } from 'mongoose';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import { LockBusyError } from '../../lib/lease-lock';
import { isDuplicateKeyError } from '../../lib/mongo-errors';
import type { Logger } from '../../logger';
import type { PasswordHasher } from '../accounts/password-hasher';
import type { FilesService } from '../files/files.service';
import type { NotificationOutbox } from '../notifications/notification.types';
import type { OtpService } from '../otp/otp.types';
import type { AccountClaims, AccountKeys } from './account-claims';
import type { AccountStep } from './account-step';
import { applicationModel } from './application.model';
import type { ApplicationDoc } from './application.model';
import type { createApplicationNumbers } from './application-number';
import { filesToSubmit, missingItems } from './draft-rules';
import type { DraftDoc } from './draft.model';
import { draftLockKey, submissionLease } from './draft-store';
import type { DraftStore } from './draft-store';
import type { RequestInfo } from './request-info';
import { applicantStatus } from './views';

export interface SubmissionDeps {
  db: Connection;
  clock: Clock;
  logger: Logger;
  store: DraftStore;
  claims: AccountClaims;
  accountStep: AccountStep;
  otp: OtpService;
  outbox: NotificationOutbox;
  hasher: PasswordHasher;
  numbers: ReturnType<typeof createApplicationNumbers>;
  files: FilesService;
  /** Review deadline of an application submitted at the given time. */
  deadlineFor: (submittedAt: Date) => Date;
}

const lockPollMs = 100;

function accountKeys(draft: DraftDoc): AccountKeys {
  return { usernameKey: draft.account?.usernameKey ?? '', emailKey: draft.account?.emailKey ?? '' };
}

function answerOf(application: ApplicationDoc): SubmitResponse {
  return {
    applicationNumber: application.number,
    status: applicantStatus(application.status),
    submittedAt: application.submittedAt.toISOString(),
    deadline: application.deadline.toISOString(),
  };
}

/** Throws draft.incomplete, password.weak or password.mismatch unless the draft can be submitted. */
function assertReady(draft: DraftDoc, input: SubmitRequest): void {
  const missing = missingItems(draft);
  if (missing.length > 0) throw new AppError('draft.incomplete', { fields: missing });
  if (!isStrongPassword(input.password)) {
    throw new AppError('password.weak', { fields: [{ field: 'password', code: 'weak_password' }] });
  }
  if (input.password !== input.confirmPassword) {
    throw new AppError('password.mismatch', {
      fields: [{ field: 'confirmPassword', code: 'mismatch' }],
    });
  }
}

/**
 * Step ④: turns a complete draft into an application (number, status pending, review
 * deadline), or updates the rejected application that a reopened draft corrects.
 *
 * Submission is a resumable sequence without transactions. It locks the draft (and, for
 * a resubmission, the application), verifies the email code, claims username and email,
 * writes the application under the id fixed when the draft was created, enqueues the
 * deduplicated notifications and marks the draft submitted. A retry after a crash finds
 * the stored application and finishes the remaining steps. A concurrent second
 * submission waits for the first and returns the same application.
 */
export function createSubmissionService(deps: SubmissionDeps) {
  const Application = applicationModel(deps.db);
  const Draft = deps.store.model;

  async function applicationOf(draft: DraftDoc): Promise<ApplicationDoc> {
    const application = draft.applicationId
      ? await Application.findById(draft.applicationId).lean<ApplicationDoc>()
      : null;
    if (!application) throw new Error(`submitted draft ${draft._id.toString()} has no application`);
    return application;
  }

  /**
   * Takes the draft's lock for this submission, or waits for a concurrent one. Returns
   * the release function, or the submitted draft when another request finished first.
   */
  async function lockDraft(
    draft: DraftDoc,
  ): Promise<{ release: () => Promise<void> } | { submitted: DraftDoc }> {
    const started = performance.now();
    for (;;) {
      const release = await deps.store.locks.tryAcquire(
        draftLockKey(draft._id),
        submissionLease.ttlMs,
      );
      if (release) return { release };

      const current = await Draft.findById(draft._id).lean<DraftDoc>();
      if (!current) throw new AppError('draft.not_found');
      if (current.status === 'submitted') return { submitted: current };
      if (performance.now() - started > submissionLease.waitMs) throw new AppError('draft.busy');
      await sleep(lockPollMs);
    }
  }

  /**
   * Returns the application this draft already wrote, when an earlier attempt got that
   * far. Throws application.not_resubmittable when a reopened draft's application moved on
   * without it (approved, or resubmitted from another draft).
   */
  async function storedSubmission(draft: DraftDoc): Promise<ApplicationDoc | null> {
    if (draft.reopenedRevision === null || draft.reopenedRevision === undefined) {
      return Application.findOne({ draftId: draft._id }).lean<ApplicationDoc>();
    }
    const application = await Application.findById(draft.applicationId).lean<ApplicationDoc>();
    if (!application) throw new AppError('application.not_found');
    if (
      application.lastDraftId?.equals(draft._id) &&
      application.revision > draft.reopenedRevision
    ) {
      return application;
    }
    if (application.status !== 'rejected' || application.revision !== draft.reopenedRevision) {
      throw new AppError('application.not_resubmittable');
    }
    return null;
  }

  /** Returns the application fields copied from the draft; undefined ones are removed on resubmission. */
  function contentOf(draft: DraftDoc, passwordHash: string) {
    return {
      type: draft.mode,
      companyId: draft.mode === 'join_company' ? (draft.companyId ?? undefined) : undefined,
      company: draft.company,
      categories: draft.categories,
      otherDescription: draft.otherDescription ?? undefined,
      applyAdmin: draft.applyAdmin,
      adminAgreementAcceptedAt: draft.applyAdmin
        ? (draft.adminAgreementAcceptedAt ?? undefined)
        : undefined,
      agreement: draft.agreement,
      files: filesToSubmit(draft),
      account: draft.account,
      passwordHash,
      locale: draft.locale,
    };
  }

  async function createApplication(
    draft: DraftDoc,
    applicationId: Types.ObjectId,
    passwordHash: string,
  ): Promise<ApplicationDoc> {
    const now = deps.clock.now();
    const number = await deps.numbers.numberFor(applicationId, now);
    try {
      const created = await Application.create({
        _id: applicationId,
        number,
        draftId: draft._id,
        lastDraftId: draft._id,
        ...contentOf(draft, passwordHash),
        status: 'pending',
        submittedAt: now,
        deadline: deps.deadlineFor(now),
        history: [{ at: now, event: 'submitted' }],
        revision: 1,
      });
      return created.toObject() as ApplicationDoc;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const existing = await Application.findOne({ draftId: draft._id }).lean<ApplicationDoc>();
      if (!existing) throw error;
      return existing;
    }
  }

  /**
   * Puts a rejected application back to pending with the corrected content: revision+1,
   * a new deadline and a `resubmitted` history entry; earlier history is kept.
   */
  async function resubmitApplication(
    draft: DraftDoc,
    passwordHash: string,
  ): Promise<ApplicationDoc> {
    const now = deps.clock.now();
    const content = contentOf(draft, passwordHash);
    const set: Record<string, unknown> = {};
    const unset: Record<string, 1> = { rejectReason: 1, decidedAt: 1 };
    for (const [field, value] of Object.entries(content)) {
      if (value === undefined) unset[field] = 1;
      else set[field] = value;
    }

    const previous = await Application.findById(draft.applicationId, {
      files: 1,
    }).lean<ApplicationDoc>();
    const updated = await Application.findOneAndUpdate(
      { _id: draft.applicationId, status: 'rejected', revision: draft.reopenedRevision },
      {
        $set: {
          ...set,
          status: 'pending',
          submittedAt: now,
          deadline: deps.deadlineFor(now),
          lastDraftId: draft._id,
        },
        $unset: unset,
        $inc: { revision: 1 },
        $push: { history: { at: now, event: 'resubmitted' } },
      },
      { returnDocument: 'after' },
    ).lean<ApplicationDoc>();
    if (!updated) {
      const stored = await storedSubmission(draft);
      if (stored) return stored;
      throw new AppError('application.not_resubmittable');
    }

    const currentFileIds = new Set(updated.files.map((file) => file.fileId.toString()));
    const dropped = (previous?.files ?? []).filter(
      (file) => !currentFileIds.has(file.fileId.toString()),
    );
    await deleteFilesQuietly(dropped.map((file) => file.fileId));
    return updated;
  }

  async function notifySubmitted(application: ApplicationDoc): Promise<void> {
    const params = {
      applicationNumber: application.number,
      companyName: application.company.fullName ?? '',
      name: application.account.name ?? '',
    };
    const base = { locale: application.locale, template: 'application_submitted' as const, params };
    const key = `submitted:${application._id.toString()}:${application.revision}`;
    await deps.outbox.recordEvent({
      eventKey: key,
      kind: 'application_submitted',
      applicationId: application._id.toString(),
      applicationNumber: application.number,
    });
    await deps.outbox.enqueue({
      ...base,
      dedupeKey: `${key}:email`,
      channel: 'email',
      to: application.account.email ?? '',
    });
    if (application.account.mobile) {
      await deps.outbox.enqueue({
        ...base,
        dedupeKey: `${key}:sms`,
        channel: 'sms',
        to: application.account.mobile,
      });
    }
  }

  async function deleteFilesQuietly(fileIds: Types.ObjectId[]): Promise<void> {
    for (const fileId of fileIds) {
      try {
        await deps.files.deleteFile(fileId);
      } catch (error) {
        deps.logger.warn(
          { err: error, fileId: fileId.toString() },
          'failed to delete a file no longer used',
        );
      }
    }
  }

  /** Marks the draft submitted and deletes its uploads that did not go into the application. */
  async function finishDraft(draft: DraftDoc, application: ApplicationDoc): Promise<void> {
    await Draft.updateOne({ _id: draft._id }, { $set: { status: 'submitted' } });
    const used = new Set(application.files.map((file) => file.fileId.toString()));
    await deleteFilesQuietly(
      draft.files.filter((file) => !used.has(file.fileId.toString())).map((file) => file.fileId),
    );
  }

  /** Runs the steps after the draft lock is taken; `draft` is the locked, current draft. */
  async function submitLocked(
    draft: DraftDoc,
    input: SubmitRequest,
    log: Logger,
  ): Promise<ApplicationDoc> {
    let applicationId = draft.applicationId;
    if (!applicationId) {
      // Drafts get their application id when created; this covers drafts stored before that.
      applicationId = new mongoose.Types.ObjectId();
      await Draft.updateOne({ _id: draft._id }, { $set: { applicationId } });
      draft.applicationId = applicationId;
    }

    let application = await storedSubmission(draft);
    if (application) {
      log.info('resuming a submission whose application is already stored');
    } else {
      const keys = accountKeys(draft);
      await deps.otp.verify({
        purpose: 'certification_email',
        destination: keys.emailKey,
        code: input.code,
      });
      const passwordHash = await deps.hasher.hash(input.password);
      await deps.claims.claim(applicationId, keys);
      const resubmission = draft.reopenedRevision !== null && draft.reopenedRevision !== undefined;
      application = resubmission
        ? await resubmitApplication(draft, passwordHash)
        : await createApplication(draft, applicationId, passwordHash);
      log.info(
        { applicationNumber: application.number, revision: application.revision },
        resubmission ? 'application resubmitted' : 'application submitted',
      );
    }
    await notifySubmitted(application);
    await finishDraft(draft, application);
    return application;
  }

  async function submit(
    token: string | undefined,
    input: SubmitRequest,
    request: RequestInfo,
  ): Promise<SubmitResponse> {
    const loaded = await deps.store.load(token);
    if (loaded.status === 'submitted') return answerOf(await applicationOf(loaded));
    assertReady(loaded, input);
    await deps.accountStep.assertAvailable(loaded, accountKeys(loaded));

    const lock = await lockDraft(loaded);
    if ('submitted' in lock) return answerOf(await applicationOf(lock.submitted));
    const log = request.log.child({ draftId: loaded._id.toString() });
    try {
      // Re-read under the lock: an edit may have landed between the checks and the lock.
      const draft = await Draft.findById(loaded._id).lean<DraftDoc>();
      if (!draft) throw new AppError('draft.not_found');
      if (draft.status === 'submitted') return answerOf(await applicationOf(draft));
      assertReady(draft, input);

      const resubmission = draft.reopenedRevision !== null && draft.reopenedRevision !== undefined;
      const application =
        resubmission && draft.applicationId
          ? await deps.store.locks.withLock(
              `application:${draft.applicationId.toString()}`,
              submissionLease,
              () => submitLocked(draft, input, log),
            )
          : await submitLocked(draft, input, log);
      return answerOf(application);
    } catch (error) {
      if (error instanceof LockBusyError) throw new AppError('draft.busy', { cause: error });
      throw error;
    } finally {
      await lock.release().catch((releaseError: unknown) => {
        log.error(
          { err: releaseError },
          'failed to release the submission lock; it expires on its own',
        );
      });
    }
  }

  return { submit };
}

export type SubmissionService = ReturnType<typeof createSubmissionService>;
