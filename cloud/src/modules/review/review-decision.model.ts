import { Schema } from 'mongoose';
import type { Connection, InferSchemaType, Types } from 'mongoose';
import { isDuplicateKeyError } from '../../lib/mongo-errors';
import type { ApplicationDoc } from '../certification/application.model';

/**
 * The one review decision of an application revision. Its _id is
 * `<applicationId>:<revision>`, so the first reviewer to insert it wins and any
 * concurrent approve or reject of the same revision reads the winner instead. A unique
 * key decides the race on MongoDB and FerretDB alike, whereas a conditional status
 * update is not atomic on FerretDB 1.24 with SQLite.
 */
const reviewDecisionSchema = new Schema(
  {
    _id: { type: String, required: true },
    applicationId: { type: Schema.Types.ObjectId, required: true, index: true },
    revision: { type: Number, required: true },
    kind: { type: String, enum: ['approve', 'reject'], required: true },
    reviewerId: { type: Schema.Types.ObjectId, required: true },
    decidedAt: { type: Date, required: true },
    /** Approval plan: the company certified or joined. A same-name company certified meanwhile replaces it. */
    companyId: { type: Schema.Types.ObjectId },
    /** Approval plan: the id of the account to create. */
    accountId: { type: Schema.Types.ObjectId },
    asAdmin: { type: Boolean },
    /** Rejection reason. */
    reason: { type: String },
  },
  { collection: 'review_decisions', versionKey: false },
);

export type ReviewDecisionDoc = InferSchemaType<typeof reviewDecisionSchema>;

function registerModel(db: Connection) {
  return db.model('ReviewDecision', reviewDecisionSchema);
}

export type ReviewDecisionModel = ReturnType<typeof registerModel>;

export function reviewDecisionModel(db: Connection): ReviewDecisionModel {
  return (db.models.ReviewDecision as ReviewDecisionModel | undefined) ?? registerModel(db);
}

export type DecisionProposal =
  | { kind: 'approve'; companyId: Types.ObjectId; accountId: Types.ObjectId; asAdmin: boolean }
  | { kind: 'reject'; reason: string };

/** Returns the decision key of an application's current revision. */
export function decisionIdOf(application: ApplicationDoc): string {
  return `${application._id.toString()}:${application.revision ?? 1}`;
}

/**
 * Records `proposal` as the decision of the application's current revision, or returns
 * the decision recorded before it (by this reviewer or another one).
 */
export async function takeDecision(
  db: Connection,
  application: ApplicationDoc,
  reviewerId: Types.ObjectId,
  decidedAt: Date,
  proposal: DecisionProposal,
): Promise<ReviewDecisionDoc> {
  const Decisions = reviewDecisionModel(db);
  const _id = decisionIdOf(application);
  const existing = await Decisions.findById(_id).lean<ReviewDecisionDoc>();
  if (existing) return existing;
  try {
    const created = await Decisions.create({
      _id,
      applicationId: application._id,
      revision: application.revision ?? 1,
      reviewerId,
      decidedAt,
      ...proposal,
    });
    return created.toObject();
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    const winner = await Decisions.findById(_id).lean<ReviewDecisionDoc>();
    if (!winner) throw error;
    return winner;
  }
}
