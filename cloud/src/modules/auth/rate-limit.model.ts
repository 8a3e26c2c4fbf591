import { Schema } from 'mongoose';
import type { Connection, InferSchemaType } from 'mongoose';

/**
 * The collection rate-limiter-flexible's Mongo store writes. The model exists only so
 * that start-up creates its unique index and the sweeper can delete expired windows:
 * the library's own index creation adds a TTL index, which FerretDB 1.24 lacks.
 */
const rateLimitSchema = new Schema(
  {
    key: { type: String, required: true, unique: true },
    points: { type: Number, required: true },
    expire: { type: Date, index: true },
  },
  { collection: 'rate_limits', versionKey: false },
);

export type RateLimitDoc = InferSchemaType<typeof rateLimitSchema>;

function registerModel(db: Connection) {
  return db.model('RateLimit', rateLimitSchema);
}

export type RateLimitModel = ReturnType<typeof registerModel>;

export function rateLimitModel(db: Connection): RateLimitModel {
  return (db.models.RateLimit as RateLimitModel | undefined) ?? registerModel(db);
}

export const rateLimitCollection = 'rate_limits';
