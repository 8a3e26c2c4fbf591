import { Schema } from 'mongoose';
import type { Connection, InferSchemaType, Model, Types } from 'mongoose';
import { locales } from '@ucz/shared';
import {
  accountPartSchema,
  attachedFileSchema,
  categoriesField,
  companyPartSchema,
} from './parts.schema';

/**
 * An application being filled in. The applicant holds the draft token; only its SHA-256
 * hash is stored. A draft ends when it is submitted.
 */
const draftSchema = new Schema(
  {
    tokenHash: { type: String, required: true, unique: true },
    agreement: {
      type: new Schema(
        { version: String, acceptedAt: Date, ip: String, userAgent: String },
        { _id: false },
      ),
      required: true,
    },
    locale: { type: String, enum: locales, default: 'zh-CN' },
    /** new_company, or join_company when 公司全称 matched a certified company. */
    mode: { type: String, enum: ['new_company', 'join_company'], default: 'new_company' },
    companyId: { type: Schema.Types.ObjectId },
    company: { type: companyPartSchema, default: () => ({}) },
    categories: categoriesField,
    otherDescription: { type: String },
    applyAdmin: { type: Boolean, default: false },
    adminAgreementAcceptedAt: { type: Date },
    files: { type: [attachedFileSchema], default: [] },
    account: { type: accountPartSchema, default: () => ({}) },
    status: { type: String, enum: ['open', 'submitted'], default: 'open' },
    /** The application created from this draft, or the rejected one it corrects. */
    applicationId: { type: Schema.Types.ObjectId },
    /** Revision of the rejected application when this draft was opened to correct it. */
    reopenedRevision: { type: Number },
    /** Last request that used the draft; stale drafts are swept. */
    lastSeenAt: { type: Date, required: true, index: true },
  },
  { timestamps: true, collection: 'drafts' },
);

export type DraftDoc = InferSchemaType<typeof draftSchema> & { _id: Types.ObjectId };
export type DraftModel = Model<InferSchemaType<typeof draftSchema>>;

export function draftModel(db: Connection): DraftModel {
  return (db.models.Draft as DraftModel | undefined) ?? db.model('Draft', draftSchema);
}
