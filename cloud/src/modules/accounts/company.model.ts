import { Schema } from 'mongoose';
import type { Connection, InferSchemaType, Model, Types } from 'mongoose';
import { businessCategoryCodes, registrationRegions } from '@ucz/shared';

const companySchema = new Schema(
  {
    fullName: { type: String, required: true },
    /** companyNameKey(fullName): the unique lookup key. */
    nameKey: { type: String, required: true, unique: true },
    shortName: { type: String },
    region: { type: String, enum: registrationRegions, required: true },
    address: { type: String, required: true },
    brNumber: { type: String, required: true },
    categories: { type: [String], enum: businessCategoryCodes, default: [] },
    otherDescription: { type: String },
    status: { type: String, enum: ['certified'], default: 'certified' },
    certifiedAt: { type: Date, required: true },
    /** The application whose approval certified the company. */
    sourceApplicationId: { type: Schema.Types.ObjectId, required: true },
    customerManager: {
      type: new Schema({ name: String, email: String }, { _id: false }),
      required: false,
    },
  },
  { timestamps: true, collection: 'companies' },
);

export type CompanyDoc = InferSchemaType<typeof companySchema> & { _id: Types.ObjectId };
export type CompanyModel = Model<InferSchemaType<typeof companySchema>>;

export function companyModel(db: Connection): CompanyModel {
  return (db.models.Company as CompanyModel | undefined) ?? db.model('Company', companySchema);
}
