import { Schema } from 'mongoose';
import { businessCategoryCodes, documentKinds, registrationRegions } from '@ucz/shared';

export { documentKinds };
export type { DocumentKind } from '@ucz/shared';

/** 公司信息 as typed (or filled in from the certified company). */
export const companyPartSchema = new Schema(
  {
    region: { type: String, enum: registrationRegions },
    fullName: { type: String },
    nameKey: { type: String },
    shortName: { type: String },
    address: { type: String },
    brNumber: { type: String },
  },
  { _id: false },
);

/** A file stored in GridFS and attached to a draft or application. */
export const attachedFileSchema = new Schema(
  {
    fileId: { type: Schema.Types.ObjectId, required: true },
    kind: { type: String, enum: documentKinds, required: true },
    filename: { type: String, required: true },
    contentType: { type: String, required: true },
    size: { type: Number, required: true },
    uploadedAt: { type: Date, required: true },
  },
  { _id: false },
);

/** 账号信息 without secrets; the password hash lives on the application only. */
export const accountPartSchema = new Schema(
  {
    username: { type: String },
    usernameKey: { type: String },
    name: { type: String },
    department: { type: String },
    phoneCallingCode: { type: String },
    /** 直线电话 in E.164. */
    phone: { type: String },
    title: { type: String },
    email: { type: String },
    emailKey: { type: String },
    /** 手机 in E.164. */
    mobile: { type: String },
  },
  { _id: false },
);

export const categoriesField = { type: [String], enum: businessCategoryCodes, default: [] };
