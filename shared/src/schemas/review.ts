import { z } from 'zod';
import { businessCategoryCodes } from '../catalogues/business-categories';
import { registrationRegions } from '../catalogues/regions';
import { locales } from '../i18n/locales';
import { sessionViewSchema, tokenTransports } from './auth';
import { documentKinds } from './certification';
import { staffViewSchema } from './company-accounts';
import { passwordMaxLength } from './password';

/**
 * Request and response shapes of the reviewer console: staff login, the review queue,
 * one application with its documents, and the approve and reject decisions.
 */

const objectId = z.string().regex(/^[0-9a-f]{24}$/u);
const isoDateTime = z.iso.datetime();

/** Roles of operator staff: reviewers decide applications, operator admins run the zone. */
export const staffRoles = ['reviewer', 'operator_admin'] as const;
export type StaffRole = (typeof staffRoles)[number];

/**
 * States of a submitted application. `approving` means a reviewer's approval has started
 * and not finished yet; the applicant's progress query shows it as pending.
 */
export const applicationStatuses = ['pending', 'approving', 'approved', 'rejected'] as const;
export type ApplicationStatus = (typeof applicationStatuses)[number];

/** Maximum length of a rejection reason, in characters. */
export const rejectReasonMaxLength = 500;

// Staff sessions

export const staffLoginRequestSchema = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(passwordMaxLength),
  tokenTransport: z.enum(tokenTransports).default('cookie'),
});
export type StaffLoginRequest = z.input<typeof staffLoginRequestSchema>;

export const staffLoginResponseSchema = z.object({
  session: sessionViewSchema,
  staff: staffViewSchema,
});
export type StaffLoginResponse = z.infer<typeof staffLoginResponseSchema>;

export const staffMeResponseSchema = z.object({
  staff: z.object({ id: z.string(), username: z.string(), role: z.enum(staffRoles) }),
});
export type StaffMeResponse = z.infer<typeof staffMeResponseSchema>;

// Review queue and applications

export const applicationIdParamsSchema = z.object({ id: objectId });
export const applicationFileParamsSchema = z.object({ id: objectId, fileId: objectId });

export const reviewQueueItemSchema = z.object({
  id: objectId,
  number: z.string(),
  type: z.enum(['new_company', 'join_company']),
  status: z.enum(applicationStatuses),
  companyFullName: z.string(),
  applicantName: z.string(),
  applyAdmin: z.boolean(),
  submittedAt: isoDateTime,
  deadline: isoDateTime,
  overdue: z.boolean(),
  /** Whole hours of working days left until the deadline; 0 when overdue. */
  remainingWorkingHours: z.number().int(),
  /** Working days after today up to the deadline day; 0 when due today. */
  remainingWorkingDays: z.number().int(),
  /** Whole hours of working days from submission to the deadline: the length of the review window. */
  reviewWindowWorkingHours: z.number().int(),
});
export type ReviewQueueItem = z.infer<typeof reviewQueueItemSchema>;

export const reviewQueueSchema = z.object({
  items: z.array(reviewQueueItemSchema),
  total: z.number().int(),
});
export type ReviewQueue = z.infer<typeof reviewQueueSchema>;

export const reviewFileSchema = z.object({
  fileId: objectId,
  kind: z.enum(documentKinds),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  uploadedAt: isoDateTime,
  /** Path of the download route for this document. */
  downloadPath: z.string(),
});
export type ReviewFile = z.infer<typeof reviewFileSchema>;

export const reviewHistoryEntrySchema = z.object({
  at: isoDateTime,
  event: z.enum(['submitted', 'resubmitted', 'approved', 'rejected']),
  actorId: objectId.optional(),
  reason: z.string().optional(),
});

export const certifiedCompanySchema = z.object({
  id: objectId,
  fullName: z.string(),
  shortName: z.string().optional(),
  region: z.enum(registrationRegions),
  address: z.string(),
  brNumber: z.string(),
  certifiedAt: isoDateTime,
});
export type CertifiedCompany = z.infer<typeof certifiedCompanySchema>;

export const reviewApplicationDetailSchema = reviewQueueItemSchema.extend({
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
  files: z.array(reviewFileSchema),
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
  history: z.array(reviewHistoryEntrySchema),
});
export type ReviewApplicationDetail = z.infer<typeof reviewApplicationDetailSchema>;

// Decisions

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
export type ApprovalResult = z.infer<typeof approvalResultSchema>;

/** The reason is optional in the shape so that a missing one gets review.reason_required. */
export const rejectRequestSchema = z.object({
  reason: z.string().max(rejectReasonMaxLength).optional(),
});
export type RejectRequest = z.input<typeof rejectRequestSchema>;

export const rejectionResultSchema = z.object({
  applicationId: objectId,
  number: z.string(),
  status: z.literal('rejected'),
  reason: z.string(),
  decidedAt: isoDateTime,
});
export type RejectionResult = z.infer<typeof rejectionResultSchema>;
