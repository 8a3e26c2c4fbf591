import { z } from 'zod';
import { businessCategoryCodes } from '../catalogues/business-categories';
import { registrationRegions } from '../catalogues/regions';
import { locales } from '../i18n/locales';
import { passwordMaxLength } from './password';

/**
 * Request and response shapes of the certification API (用户认证). Requests carry only
 * shape limits here; the server applies the rules that need the database or the
 * registration region (BR number, conflicts, join-company mode).
 */

/** Kinds of documents uploaded in step ② 上传资料. */
export const documentKinds = [
  'business_registration',
  'employment_proof',
  'admin_authorisation',
] as const;
export type DocumentKind = (typeof documentKinds)[number];

/** Maximum number of files per document kind on one application. */
export const maxFilesPerKind: Record<DocumentKind, number> = {
  business_registration: 3,
  employment_proof: 5,
  admin_authorisation: 2,
};

/** Content types accepted for uploads; the server recognises them by their first bytes. */
export const uploadContentTypes = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export type UploadContentType = (typeof uploadContentTypes)[number];

/** 账号: 4 to 32 letters, digits or `_ . - @`. */
export const usernamePattern = /^[A-Za-z0-9_.@-]{4,32}$/u;
export const usernameMinLength = 4;
export const usernameMaxLength = 32;
export const personNameMaxLength = 50;
/** Length limit of 其他 (the description of a business not in the catalogue). */
export const otherDescriptionMaxLength = 100;

const isoDateTime = z.iso.datetime();
const applicationStatus = z.enum(['pending', 'approved', 'rejected']);
const draftMode = z.enum(['new_company', 'join_company']);

// Step 0: agreement

export const agreementDocumentSchema = z.object({ title: z.string(), text: z.string() });

export const agreementResponseSchema = z.object({
  version: z.string(),
  locale: z.enum(locales),
  agreement: agreementDocumentSchema,
  /** 管理员协议, accepted in step ② when 申请管理员 is ticked. */
  adminAgreement: agreementDocumentSchema,
});
export type AgreementResponse = z.infer<typeof agreementResponseSchema>;

export const createDraftRequestSchema = z.object({
  agreementVersion: z.string().trim().min(1).max(50),
  /** Must be true: the applicant clicked 我已阅读并同意以上协议. */
  accepted: z.boolean(),
});
export type CreateDraftRequest = z.infer<typeof createDraftRequestSchema>;

// Step ① 公司信息

export const companyFieldsSchema = z.object({
  fullName: z.string(),
  shortName: z.string().optional(),
  region: z.enum(registrationRegions),
  address: z.string(),
  brNumber: z.string(),
});
export type CompanyFields = z.infer<typeof companyFieldsSchema>;

export const companyLookupQuerySchema = z.object({ fullName: z.string().trim().min(1).max(200) });

export const companyLookupResponseSchema = z.union([
  z.object({ found: z.literal(false) }),
  z.object({ found: z.literal(true), company: companyFieldsSchema }),
]);
export type CompanyLookupResponse = z.infer<typeof companyLookupResponseSchema>;

export const companyStepRequestSchema = z.object({
  region: z.enum(registrationRegions),
  fullName: z.string().trim().min(1).max(200),
  shortName: z.string().trim().max(100).optional(),
  /** Required for a new company; ignored when 公司全称 matches a certified company. */
  address: z.string().trim().max(300).optional(),
  /** Required for a new company; checked by the rule of `region`. */
  brNumber: z.string().trim().max(60).optional(),
  categories: z.array(z.enum(businessCategoryCodes)).min(1).max(businessCategoryCodes.length),
  /** Required (1 to 100 characters) when `categories` contains `other`. */
  otherDescription: z.string().trim().max(otherDescriptionMaxLength).optional(),
});
export type CompanyStepRequest = z.infer<typeof companyStepRequestSchema>;

// Step ② 上传资料

export const documentsStepRequestSchema = z.object({
  applyAdmin: z.boolean(),
  /** Must be true when applyAdmin is true: the applicant accepted the administrator agreement. */
  adminAgreementAccepted: z.boolean().optional(),
});
export type DocumentsStepRequest = z.infer<typeof documentsStepRequestSchema>;

export const uploadQuerySchema = z.object({ kind: z.enum(documentKinds) });

export const fileIdParamsSchema = z.object({ fileId: z.string().regex(/^[0-9a-f]{24}$/u) });

/**
 * Delivery of a document download: `attachment` (the default) makes the browser save
 * it, and `inline` shows it. The server sends `inline` only for PDF, JPEG and PNG.
 */
export const fileDispositions = ['attachment', 'inline'] as const;
export type FileDisposition = (typeof fileDispositions)[number];
export const fileDispositionQuerySchema = z.object({
  disposition: z.enum(fileDispositions).default('attachment'),
});

export const attachedFileViewSchema = z.object({
  id: z.string(),
  kind: z.enum(documentKinds),
  filename: z.string(),
  contentType: z.enum(uploadContentTypes),
  size: z.number().int(),
  uploadedAt: isoDateTime,
});
export type AttachedFileView = z.infer<typeof attachedFileViewSchema>;

// Step ③ 账号信息

export const accountStepRequestSchema = z.object({
  username: z.string().trim().min(1).max(100),
  name: z.string().trim().min(1).max(personNameMaxLength),
  department: z.string().trim().min(1).max(100),
  /** Country calling code of 直线电话 (digits, no plus sign); defaults to 852. */
  phoneCallingCode: z
    .string()
    .trim()
    .regex(/^\+?\d{1,4}$/u)
    .default('852'),
  phone: z.string().trim().min(1).max(40),
  title: z.string().trim().min(1).max(100),
  email: z.string().trim().min(1).max(254),
  mobile: z.string().trim().max(40).optional(),
});
export type AccountStepRequest = z.input<typeof accountStepRequestSchema>;

export const accountViewSchema = z.object({
  username: z.string(),
  name: z.string(),
  department: z.string(),
  phoneCallingCode: z.string(),
  /** 直线电话 in E.164. */
  phone: z.string(),
  title: z.string(),
  email: z.string(),
  /** 手机 in E.164. */
  mobile: z.string().optional(),
});

export const emailCodeRequestSchema = z.object({ email: z.string().trim().min(1).max(254) });

export const emailCodeResponseSchema = z.object({
  resendAfterSeconds: z.number().int(),
  expiresInSeconds: z.number().int(),
});
export type EmailCodeResponse = z.infer<typeof emailCodeResponseSchema>;

// The draft as the applicant left it

export const draftViewSchema = z.object({
  status: z.enum(['open', 'submitted']),
  mode: draftMode,
  agreement: z.object({ version: z.string(), acceptedAt: isoDateTime }),
  company: z
    .object({
      region: z.enum(registrationRegions).optional(),
      fullName: z.string().optional(),
      shortName: z.string().optional(),
      address: z.string().optional(),
      brNumber: z.string().optional(),
    })
    .optional(),
  categories: z.array(z.enum(businessCategoryCodes)),
  otherDescription: z.string().optional(),
  applyAdmin: z.boolean(),
  adminAgreementAccepted: z.boolean(),
  files: z.array(attachedFileViewSchema),
  /** Kinds the applicant must upload in the current mode. */
  requiredDocuments: z.array(z.enum(documentKinds)),
  account: accountViewSchema.optional(),
  /** Completion of each wizard step: true when it contains everything submission needs. */
  steps: z.object({ company: z.boolean(), documents: z.boolean(), account: z.boolean() }),
  /** The application this draft created or corrects. */
  application: z.object({ number: z.string(), status: applicationStatus }).optional(),
  /** Largest file the server accepts for one upload, in bytes (UPLOAD_MAX_BYTES). */
  uploadMaxBytes: z.number().int().positive().optional(),
});
export type DraftView = z.infer<typeof draftViewSchema>;

export const createDraftResponseSchema = z.object({
  draftToken: z.string(),
  draft: draftViewSchema,
});
export type CreateDraftResponse = z.infer<typeof createDraftResponseSchema>;

// Step ④ 申请成功

export const submitRequestSchema = z.object({
  password: z.string().max(passwordMaxLength),
  confirmPassword: z.string().max(passwordMaxLength),
  code: z.string().trim().min(1).max(12),
});
export type SubmitRequest = z.infer<typeof submitRequestSchema>;

export const submitResponseSchema = z.object({
  applicationNumber: z.string(),
  /** pending after a submission; a repeated submit of a submitted draft returns the current status. */
  status: applicationStatus,
  submittedAt: isoDateTime,
  deadline: isoDateTime,
});
export type SubmitResponse = z.infer<typeof submitResponseSchema>;

// Progress query (用户认证查询)

export const progressByPasswordRequestSchema = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(passwordMaxLength),
});

export const progressEmailCodeRequestSchema = z.object({
  email: z.string().trim().min(1).max(254),
});

export const progressByEmailRequestSchema = z.object({
  email: z.string().trim().min(1).max(254),
  code: z.string().trim().min(1).max(12),
});

export const applicationHistoryEntrySchema = z.object({
  at: isoDateTime,
  event: z.enum(['submitted', 'resubmitted', 'approved', 'rejected']),
  reason: z.string().optional(),
});

export const applicationProgressSchema = z.object({
  number: z.string(),
  /** Approval in progress is shown as pending. */
  status: applicationStatus,
  type: draftMode,
  companyName: z.string(),
  username: z.string(),
  submittedAt: isoDateTime,
  deadline: isoDateTime,
  revision: z.number().int(),
  history: z.array(applicationHistoryEntrySchema),
  /** Present while the application is rejected. */
  rejectReason: z.string().optional(),
});
export type ApplicationProgress = z.infer<typeof applicationProgressSchema>;

export const progressResponseSchema = z.object({
  applications: z.array(applicationProgressSchema),
  /** Send as `X-Application-Token` to list again or to reopen a rejected application. */
  applicationToken: z.string(),
  expiresInSeconds: z.number().int(),
});
export type ProgressResponse = z.infer<typeof progressResponseSchema>;

export const applicationListResponseSchema = z.object({
  applications: z.array(applicationProgressSchema),
});

export const applicationNumberParamsSchema = z.object({
  number: z.string().regex(/^UCZ\d{8}-\d{6,}$/u),
});

export const reopenRequestSchema = createDraftRequestSchema;
export const reopenResponseSchema = createDraftResponseSchema;
