import { Schema } from 'mongoose';
import type { Connection, InferSchemaType, Model, Types } from 'mongoose';
import { applicationStatuses, locales } from '@ucz/shared';
import type { ApplicationStatus } from '@ucz/shared';
import {
  accountPartSchema,
  attachedFileSchema,
  categoriesField,
  companyPartSchema,
} from './parts.schema';

export { applicationStatuses };
export type { ApplicationStatus };

const historyEntrySchema = new Schema(
  {
    at: { type: Date, required: true },
    event: {
      type: String,
      enum: ['submitted', 'resubmitted', 'approved', 'rejected'],
      required: true,
    },
    /** Staff id for review decisions. */
    actorId: { type: Schema.Types.ObjectId },
    reason: { type: String },
  },
  { _id: false },
);

/**
 * Progress of an approval. Every id is chosen before the first write, so a retry after
 * a crash repeats the same idempotent steps instead of creating duplicates.
 */
const approvalSchema = new Schema(
  {
    reviewerId: { type: Schema.Types.ObjectId, required: true },
    startedAt: { type: Date, required: true },
    companyId: { type: Schema.Types.ObjectId, required: true },
    accountId: { type: Schema.Types.ObjectId, required: true },
    asAdmin: { type: Boolean, required: true },
  },
  { _id: false },
);

const applicationSchema = new Schema(
  {
    /** Application number shown to the applicant, such as UCZ20261204-000123. */
    number: { type: String, required: true, unique: true },
    /** The draft first submitted; unique so a draft submitted twice gives one application. */
    draftId: { type: Schema.Types.ObjectId, required: true, unique: true },
    /** The draft of the latest submission; differs from draftId after a resubmission. */
    lastDraftId: { type: Schema.Types.ObjectId },
    type: { type: String, enum: ['new_company', 'join_company'], required: true },
    /** The certified company joined, for join_company. */
    companyId: { type: Schema.Types.ObjectId },
    company: { type: companyPartSchema, required: true },
    categories: categoriesField,
    otherDescription: { type: String },
    applyAdmin: { type: Boolean, default: false },
    adminAgreementAcceptedAt: { type: Date },
    agreement: {
      type: new Schema(
        { version: String, acceptedAt: Date, ip: String, userAgent: String },
        { _id: false },
      ),
      required: true,
    },
    files: { type: [attachedFileSchema], default: [] },
    account: { type: accountPartSchema, required: true },
    passwordHash: { type: String, required: true },
    locale: { type: String, enum: locales, default: 'zh-CN' },
    status: { type: String, enum: applicationStatuses, required: true, index: true },
    submittedAt: { type: Date, required: true },
    /** Review deadline: the configured number of working days after submittedAt. */
    deadline: { type: Date, required: true, index: true },
    rejectReason: { type: String },
    decidedAt: { type: Date },
    approval: { type: approvalSchema },
    history: { type: [historyEntrySchema], default: [] },
    /** Incremented on each resubmission. */
    revision: { type: Number, default: 1 },
  },
  { timestamps: true, collection: 'applications' },
);
applicationSchema.index({ 'account.usernameKey': 1 });
applicationSchema.index({ 'account.emailKey': 1 });

export type ApplicationDoc = InferSchemaType<typeof applicationSchema> & { _id: Types.ObjectId };
export type ApplicationModel = Model<InferSchemaType<typeof applicationSchema>>;

export function applicationModel(db: Connection): ApplicationModel {
  return (
    (db.models.Application as ApplicationModel | undefined) ??
    db.model('Application', applicationSchema)
  );
}
