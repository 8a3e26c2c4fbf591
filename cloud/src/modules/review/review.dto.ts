import type {
  ApprovalResult,
  CertifiedCompany,
  RejectionResult,
  ReviewApplicationDetail,
  ReviewQueueItem,
} from '@ucz/shared';
import type { CompanyDoc } from '../accounts/company.model';
import type { ApplicationDoc } from '../certification/application.model';
import type { RemainingWorkingTime } from './working-calendar';

/**
 * Maps stored applications to the review API's responses. The response schemas live in
 * `@ucz/shared` (schemas/review.ts), so the reviewer console parses the same shapes.
 */

export type QueueItem = ReviewQueueItem;
export type ApplicationDetail = ReviewApplicationDetail;
export type { ApprovalResult, RejectionResult };

function iso(date: Date | null | undefined): string | undefined {
  return date ? date.toISOString() : undefined;
}

/** Drops null and undefined values, so optional fields are left out instead of sent as null. */
function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined && entry !== null),
  ) as T;
}

/** Where an application stands against its review deadline, counted in working time. */
export interface DeadlineTiming {
  remaining: RemainingWorkingTime;
  /** Working hours from submission to the deadline. */
  windowWorkingHours: number;
}

export function toQueueItem(application: ApplicationDoc, timing: DeadlineTiming): QueueItem {
  const { remaining } = timing;
  return {
    id: application._id.toString(),
    number: application.number,
    type: application.type,
    status: application.status,
    companyFullName: application.company.fullName ?? '',
    applicantName: application.account.name ?? '',
    applyAdmin: application.applyAdmin ?? false,
    submittedAt: application.submittedAt.toISOString(),
    deadline: application.deadline.toISOString(),
    overdue: remaining.overdue,
    remainingWorkingHours: remaining.workingHours,
    remainingWorkingDays: remaining.workingDays,
    reviewWindowWorkingHours: timing.windowWorkingHours,
  };
}

export function toCertifiedCompany(company: CompanyDoc): CertifiedCompany {
  return compact({
    id: company._id.toString(),
    fullName: company.fullName,
    shortName: company.shortName ?? undefined,
    region: company.region,
    address: company.address,
    brNumber: company.brNumber,
    certifiedAt: company.certifiedAt.toISOString(),
  });
}

/** Maps an application to its reviewer view: every field except the password hash. */
export function toApplicationDetail(
  application: ApplicationDoc,
  timing: DeadlineTiming,
  certifiedCompany: CompanyDoc | null,
): ApplicationDetail {
  const id = application._id.toString();
  const { company, account, agreement, approval } = application;
  return compact({
    ...toQueueItem(application, timing),
    revision: application.revision ?? 1,
    locale: application.locale ?? 'zh-CN',
    companyId: application.companyId?.toString(),
    company: compact({
      region: company.region ?? undefined,
      fullName: company.fullName ?? undefined,
      shortName: company.shortName ?? undefined,
      address: company.address ?? undefined,
      brNumber: company.brNumber ?? undefined,
    }),
    certifiedCompany: certifiedCompany ? toCertifiedCompany(certifiedCompany) : undefined,
    categories: application.categories,
    otherDescription: application.otherDescription ?? undefined,
    adminAgreementAcceptedAt: iso(application.adminAgreementAcceptedAt),
    agreement: compact({
      version: agreement.version ?? undefined,
      acceptedAt: iso(agreement.acceptedAt),
      ip: agreement.ip ?? undefined,
      userAgent: agreement.userAgent ?? undefined,
    }),
    account: compact({
      username: account.username ?? undefined,
      name: account.name ?? undefined,
      department: account.department ?? undefined,
      phoneCallingCode: account.phoneCallingCode ?? undefined,
      phone: account.phone ?? undefined,
      title: account.title ?? undefined,
      email: account.email ?? undefined,
      mobile: account.mobile ?? undefined,
    }),
    files: application.files.map((file) => ({
      fileId: file.fileId.toString(),
      kind: file.kind,
      filename: file.filename,
      contentType: file.contentType,
      size: file.size,
      uploadedAt: file.uploadedAt.toISOString(),
      downloadPath: `/api/review/applications/${id}/files/${file.fileId.toString()}`,
    })),
    rejectReason: application.rejectReason ?? undefined,
    decidedAt: iso(application.decidedAt),
    approval: approval
      ? {
          reviewerId: approval.reviewerId.toString(),
          startedAt: approval.startedAt.toISOString(),
          companyId: approval.companyId.toString(),
          accountId: approval.accountId.toString(),
          asAdmin: approval.asAdmin,
        }
      : undefined,
    history: application.history.map((entry) =>
      compact({
        at: entry.at.toISOString(),
        event: entry.event,
        actorId: entry.actorId?.toString(),
        reason: entry.reason ?? undefined,
      }),
    ),
  });
}
