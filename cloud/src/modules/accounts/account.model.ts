import { Schema } from 'mongoose';
import type { Connection, InferSchemaType, Model, Types } from 'mongoose';
import { businessCategoryCodes, locales } from '@ucz/shared';

const accountSchema = new Schema(
  {
    username: { type: String, required: true },
    /** usernameKey(username): unique regardless of case, width and surrounding spaces. */
    usernameKey: { type: String, required: true, unique: true },
    email: { type: String, required: true },
    /** normaliseEmail(email): unique. */
    emailKey: { type: String, required: true, unique: true },
    name: { type: String, required: true },
    department: { type: String, required: true },
    /** 直线电话 in E.164. */
    phone: { type: String, required: true },
    title: { type: String, required: true },
    /** 手机 in E.164, when given. */
    mobile: { type: String },
    /** Argon2id hash; absent until the person sets a password (an account an admin added, or reset by an admin). */
    passwordHash: { type: String },
    companyId: { type: Schema.Types.ObjectId, required: true, index: true },
    role: { type: String, enum: ['admin', 'user'], required: true },
    status: { type: String, enum: ['active', 'disabled'], default: 'active' },
    /** Business categories the account may handle. */
    permissions: { type: [String], enum: businessCategoryCodes, default: [] },
    locale: { type: String, enum: locales, default: 'zh-CN' },
    /** Raised to end every session of the account at once. */
    sessionVersion: { type: Number, default: 0 },
    /** The application whose approval created the account. */
    sourceApplicationId: { type: Schema.Types.ObjectId },
    /** The company admin who added the account. */
    createdBy: { type: Schema.Types.ObjectId },
    passwordChangedAt: { type: Date },
    /**
     * Id of the current password, new each time the person sets one. The security notices
     * about that password are keyed by it, so each of them is sent once.
     */
    passwordSetId: { type: Schema.Types.ObjectId },
    lastLoginAt: { type: Date },
  },
  { timestamps: true, collection: 'accounts' },
);

export type AccountDoc = InferSchemaType<typeof accountSchema> & { _id: Types.ObjectId };
export type AccountModel = Model<InferSchemaType<typeof accountSchema>>;

export function accountModel(db: Connection): AccountModel {
  return (db.models.Account as AccountModel | undefined) ?? db.model('Account', accountSchema);
}
