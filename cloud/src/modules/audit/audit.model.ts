import { Schema } from 'mongoose';
import type { Connection, InferSchemaType, Types } from 'mongoose';

/** A party of an audit entry: the actor or the target. */
const partySchema = new Schema(
  {
    /** account, staff, anonymous (a login attempt for a name) or system. */
    type: { type: String, required: true },
    id: { type: String },
    /** A name to show: the username or the staff username. Never a secret. */
    label: { type: String },
  },
  { _id: false },
);

/**
 * One entry of the audit log: a security-relevant action with who did it, to what,
 * for which company, when, from which address and in which request. Entries are only
 * ever added.
 */
const auditEntrySchema = new Schema(
  {
    at: { type: Date, required: true },
    action: { type: String, required: true },
    outcome: { type: String, enum: ['success', 'failure'], required: true },
    actor: { type: partySchema, required: true },
    target: { type: partySchema },
    /** The company whose admins see the entry. */
    companyId: { type: Schema.Types.ObjectId },
    ip: { type: String },
    requestId: { type: String },
    userAgent: { type: String },
    /** Plain facts such as a reason or a changed field name; the service drops anything secret. */
    details: { type: Schema.Types.Mixed },
  },
  { collection: 'audit_log', versionKey: false },
);
auditEntrySchema.index({ companyId: 1, at: -1 });
auditEntrySchema.index({ at: -1 });
auditEntrySchema.index({ action: 1, at: -1 });

export type AuditEntryDoc = InferSchemaType<typeof auditEntrySchema> & { _id: Types.ObjectId };

function registerModel(db: Connection) {
  return db.model('AuditEntry', auditEntrySchema);
}

export type AuditEntryModel = ReturnType<typeof registerModel>;

export function auditEntryModel(db: Connection): AuditEntryModel {
  return (db.models.AuditEntry as AuditEntryModel | undefined) ?? registerModel(db);
}
