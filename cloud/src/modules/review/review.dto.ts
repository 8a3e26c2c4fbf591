import { businessCategoryCodes, locales, registrationRegions } from '@ucz/shared';
import { z } from 'zod';
import type { CompanyDoc } from '../accounts/company.model';
import { applicationStatuses } from '../certification/application.model';
import type { ApplicationDoc } from '../certification/application.model';
import { documentKinds } from '../certification/parts.schema';
import type { RemainingWorkingTime } from './working-calendar';

/** Response shapes of the review API; they document it in OpenAPI and map the stored documents. */

const objectId = z.string().regex(/^[0-9a-f]{24}$/u);
const isoDateTime = z.iso.datetime();

export const applicationIdParams = z.object({ id: objectId });
export const applicationFileParams = z.object({ id: objectId, fileId: objectId });

const remainingSchema = z.object({
  overdue: z.boolean(),
  /** Whole hours of working days left until the deadline. */
  remainingWorkingHours: z.number().int(),
  /** Working days after today up to the deadline day; 0 when due today. */
  remainingWorkingDays: z.number().int(),
});

export const queueItemSchema = z
  .object({
    id: objectId,
    number: z.string(),
    type: z.enum(['new_company', 'join_company']),
    status: z.enum(applicationStatuses),
    companyFullName: z.string(),
    applicantName: z.string(),
    applyAdmin: z.boolean(),
    submittedAt: isoDateTime,
    deadline: isoDateTime,
  })
  .extend(remainingSchema.shape);

export const queueSchema = z.object({
  items: z.array(queueItemSchema),
  total: z.number().int(),
});

const fileSchema = z.object({
  fileId: objectId,
  kind: z.enum(documentKinds),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  uploadedAt: isoDateTime,
  /** Path of the download route for this document. */
  downloadPath: z.string(),
});

const historySchema = z.object({
  at: isoDateTime,
  event: z.enum(['submitted', 'resubmitted', 'approved', 'rejected']),
  actorId: objectId.optional(),
  reason: z.string().optional(),
});

const certifiedCompanySchema = z.object({
  id: objectId,
  fullName: z.string(),
  shortName: z.string().optional(),
  region: z.enum(registrationRegions),
  address: z.string(),
  brNumber: z.string(),
  certifiedAt: isoDateTime,
});

export const applicationDetailSchema = queueItemSchema.extend({
  revision: z.number().int(),
  locale: z.enum(locales),
  companyId: objectId.optional(),
  company: z.object({
    region: z.enum(registrationRegions).optional(),
    fullName: z.string().optional(),
    shortName: z.string().optional(),
    address: z.string().optional(),
    brNumber: z.string().optional(),
  }),
  /** The certified company this application joins, or a certified company with the same name. */
  certifiedCompany: certifiedCompanySchema.optional(),
  categories: z.array(z.enum(businessCategoryCodes)),
  otherDescription: z.string().optional(),
  adminAgreementAcceptedAt: isoDateTime.optional(),
  agreement: z.object({
    version: z.string().optional(),
    acceptedAt: isoDateTime.optional(),
    ip: z.string().optional(),
    userAgent: z.string().optional(),
  }),
  account: z.object({
    username: z.string().optional(),
    name: z.string().optional(),
    department: z.string().optional(),
    phoneCallingCode: z.string().optional(),
    phone: z.string().optional(),
    title: z.string().optional(),
    email: z.string().optional(),
    mobile: z.string().optional(),
  }),
  files: z.array(fileSchema),
  rejectReason: z.string().optional(),
  decidedAt: isoDateTime.optional(),
  approval: z
    .object({
      reviewerId: objectId,
      startedAt: isoDateTime,
      companyId: objectId,
      accountId: objectId,
      asAdmin: z.boolean(),
    })
    .optional(),
  history: z.array(historySchema),
});

export const approvalResultSchema = z.object({
  applicationId: objectId,
  number: z.string(),
  status: z.literal('approved'),
  companyId: objectId,
  accountId: objectId,
  /** True when approval certified a new company; false when the person joined one. */
  companyCreated: z.boolean(),
  role: z.enum(['admin', 'user']),
  decidedAt: isoDateTime,
});

export const rejectBodySchema = z.object({
  reason: z.string().max(500).optional(),
});

export const rejectionResultSchema = z.object({
  applicationId: objectId,
  number: z.string(),
  status: z.literal('rejected'),
  reason: z.string(),
  decidedAt: isoDateTime,
});

export type QueueItem = z.infer<typeof queueItemSchema>;
export type ApplicationDetail = z.infer<typeof applicationDetailSchema>;
export type ApprovalResult = z.infer<typeof approvalResultSchema>;
export type RejectionResult = z.infer<typeof rejectionResultSchema>;

function iso(date: Date | null | undefined): string | undefined {
  return date ? date.toISOString() : undefined;
}

/** Drops null and undefined values, so optional fields are left out instead of sent as null. */
function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, entry]) => entry !== undefined && entry !== null),
  ) as T;
}

export function toQueueItem(
  application: ApplicationDoc,
  remaining: RemainingWorkingTime,
): QueueItem {
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
  };
}

export function toCertifiedCompany(company: CompanyDoc): z.infer<typeof certifiedCompanySchema> {
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
  remaining: RemainingWorkingTime,
  certifiedCompany: CompanyDoc | null,
): ApplicationDetail {
  const id = application._id.toString();
  const { company, account, agreement, approval } = application;
  return compact({
    ...toQueueItem(application, remaining),
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
