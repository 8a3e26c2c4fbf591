import { Schema } from 'mongoose';
import type { Connection, InferSchemaType } from 'mongoose';

/** A named sequence, incremented atomically with `$inc`. */
const counterSchema = new Schema(
  {
    _id: { type: String, required: true },
    value: { type: Number, required: true, default: 0 },
  },
  { collection: 'counters', versionKey: false },
);

export type CounterDoc = InferSchemaType<typeof counterSchema>;

function createModel(db: Connection) {
  return db.model('Counter', counterSchema);
}

export type CounterModel = ReturnType<typeof createModel>;

export function counterModel(db: Connection): CounterModel {
  return (db.models.Counter as CounterModel | undefined) ?? createModel(db);
}
