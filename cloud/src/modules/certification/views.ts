import type { ApplicationProgress, AttachedFileView, DraftView } from '@ucz/shared';
import type { InferSchemaType } from 'mongoose';
import type { ApplicationDoc } from './application.model';
import { requiredDocuments, stepCompletion } from './draft-rules';
import type { DraftDoc } from './draft.model';
import type { attachedFileSchema } from './parts.schema';

/** Status shown to applicants: an approval still in progress is shown as pending. */
export function applicantStatus(status: ApplicationDoc['status']): ApplicationProgress['status'] {
  return status === 'approving' ? 'pending' : status;
}

function defined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined && entry !== null),
  ) as T;
}

export function attachedFileView(
  file: InferSchemaType<typeof attachedFileSchema>,
): AttachedFileView {
  return {
    id: file.fileId.toString(),
    kind: file.kind,
    filename: file.filename,
    contentType: file.contentType as AttachedFileView['contentType'],
    size: file.size,
    uploadedAt: file.uploadedAt.toISOString(),
  };
}

/** Builds the draft as the applicant left it, without secrets or internal ids. */
export function draftView(
  draft: DraftDoc,
  uploadMaxBytes: number,
  application?: Pick<ApplicationDoc, 'number' | 'status'> | null,
): DraftView {
  const company = draft.company ?? {};
  const account = draft.account ?? {};
  const companyView = defined({
    region: company.region ?? undefined,
    fullName: company.fullName ?? undefined,
    shortName: company.shortName ?? undefined,
    address: company.address ?? undefined,
    brNumber: company.brNumber ?? undefined,
  });
  const hasAccount = Boolean(account.username);

  return defined({
    status: draft.status,
    mode: draft.mode,
    agreement: {
      version: draft.agreement.version ?? '',
      acceptedAt: (draft.agreement.acceptedAt ?? draft.createdAt).toISOString(),
    },
    company: Object.keys(companyView).length > 0 ? companyView : undefined,
    categories: draft.categories,
    otherDescription: draft.otherDescription ?? undefined,
    applyAdmin: draft.applyAdmin,
    adminAgreementAccepted: Boolean(draft.applyAdmin && draft.adminAgreementAcceptedAt),
    files: draft.files.map(attachedFileView),
    requiredDocuments: requiredDocuments(draft.mode, draft.applyAdmin),
    account: hasAccount
      ? defined({
          username: account.username ?? '',
          name: account.name ?? '',
          department: account.department ?? '',
          phoneCallingCode: account.phoneCallingCode ?? '852',
          phone: account.phone ?? '',
          title: account.title ?? '',
          email: account.email ?? '',
          mobile: account.mobile ?? undefined,
        })
      : undefined,
    steps: stepCompletion(draft),
    application: application
      ? { number: application.number, status: applicantStatus(application.status) }
      : undefined,
    uploadMaxBytes,
  });
}

/** Builds what the progress query shows of one application. */
export function applicationProgressView(application: ApplicationDoc): ApplicationProgress {
  return defined({
    number: application.number,
    status: applicantStatus(application.status),
    type: application.type,
    companyName: application.company.fullName ?? '',
    username: application.account.username ?? '',
    submittedAt: application.submittedAt.toISOString(),
    deadline: application.deadline.toISOString(),
    revision: application.revision,
    history: application.history.map((entry) =>
      defined({
        at: entry.at.toISOString(),
        event: entry.event,
        reason: entry.reason ?? undefined,
      }),
    ),
    rejectReason:
      application.status === 'rejected' ? (application.rejectReason ?? undefined) : undefined,
  });
}
