import { z } from 'zod';
import { businessCategoryCodes } from '../catalogues/business-categories';
import { accountRoles, accountStatuses } from './auth';
import { accountStepRequestSchema, personNameMaxLength } from './certification';

/**
 * Request and response shapes of the company admin console (管理员账号), the operator
 * admin API and the audit log.
 */

const isoDateTime = z.iso.datetime();
const objectId = z.string().regex(/^[0-9a-f]{24}$/u);
const permissions = z.array(z.enum(businessCategoryCodes)).max(businessCategoryCodes.length);

export const accountIdParamsSchema = z.object({ id: objectId });
export const companyIdParamsSchema = z.object({ id: objectId });

/** An account of the admin's company as the console lists it. */
export const companyAccountViewSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  department: z.string(),
  phone: z.string(),
  title: z.string(),
  email: z.string(),
  mobile: z.string().optional(),
  role: z.enum(accountRoles),
  status: z.enum(accountStatuses),
  permissions,
  /** False until the person has set a password through the emailed link or code. */
  activated: z.boolean(),
  createdAt: isoDateTime,
  lastLoginAt: isoDateTime.optional(),
});
export type CompanyAccountView = z.infer<typeof companyAccountViewSchema>;

export const companyAccountListQuerySchema = z.object({
  status: z.enum(accountStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const companyAccountListSchema = z.object({
  accounts: z.array(companyAccountViewSchema),
  total: z.number().int(),
});

/** The fields of 账号信息 that applicants fill in, plus the business categories granted. */
export const createCompanyAccountRequestSchema = accountStepRequestSchema.extend({
  permissions: permissions.default([]),
});
export type CreateCompanyAccountRequest = z.input<typeof createCompanyAccountRequestSchema>;

/** Fields left out stay as they are; `mobile: ""` removes the mobile number. */
export const updateCompanyAccountRequestSchema = z
  .object({
    name: z.string().trim().min(1).max(personNameMaxLength).optional(),
    department: z.string().trim().min(1).max(100).optional(),
    phoneCallingCode: z
      .string()
      .trim()
      .regex(/^\+?\d{1,4}$/u)
      .optional(),
    phone: z.string().trim().min(1).max(40).optional(),
    title: z.string().trim().min(1).max(100).optional(),
    email: z.string().trim().min(1).max(254).optional(),
    mobile: z.string().trim().max(40).optional(),
  })
  .strict();
export type UpdateCompanyAccountRequest = z.input<typeof updateCompanyAccountRequestSchema>;

export const permissionsRequestSchema = z.object({ permissions });

export const companyAccountResponseSchema = z.object({ account: companyAccountViewSchema });

/** Result of the actions that email a password link: whether it went out, and to which address (masked). */
export const linkSentResponseSchema = z.object({
  account: companyAccountViewSchema,
  /** False when the mail could not be delivered; the link can be sent again. */
  linkSent: z.boolean(),
  sentTo: z.string(),
});

// Operator admin

export const createStaffRequestSchema = z.object({
  username: z.string().trim().min(1).max(64),
  name: z.string().trim().min(1).max(50),
  password: z.string().max(128),
  role: z.enum(['reviewer', 'operator_admin']).default('reviewer'),
});

export const staffViewSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: z.enum(['reviewer', 'operator_admin']),
});

export const customerManagerRequestSchema = z.object({
  name: z.string().trim().min(1).max(personNameMaxLength),
  email: z.string().trim().min(1).max(254),
});

export const customerManagerResponseSchema = z.object({
  companyId: z.string(),
  customerManager: z.object({ name: z.string(), email: z.string() }),
});

// Audit log

/**
 * Party of an entry: the one who acted or was acted on. `label` is the name stored with the entry (a username or an
 * application number). `name` is resolved when the log is read: the current username of
 * an account, or the display name of a staff member together with `staffRole`.
 */
export const auditPartyViewSchema = z.object({
  type: z.string(),
  id: z.string().optional(),
  label: z.string().optional(),
  name: z.string().optional(),
  staffRole: z.enum(['reviewer', 'operator_admin']).optional(),
});
export type AuditPartyView = z.infer<typeof auditPartyViewSchema>;

export const auditEntryViewSchema = z.object({
  id: z.string(),
  at: isoDateTime,
  action: z.string(),
  outcome: z.enum(['success', 'failure']),
  actor: auditPartyViewSchema,
  target: auditPartyViewSchema.optional(),
  companyId: z.string().optional(),
  ip: z.string().optional(),
  requestId: z.string().optional(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});
export type AuditEntryView = z.infer<typeof auditEntryViewSchema>;

export const auditListQuerySchema = z.object({
  action: z.string().trim().min(1).max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const operatorAuditListQuerySchema = auditListQuerySchema.extend({
  companyId: objectId.optional(),
});

export const auditListSchema = z.object({
  entries: z.array(auditEntryViewSchema),
  total: z.number().int(),
});
