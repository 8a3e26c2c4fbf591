import { Schema } from 'mongoose';
import type { Connection, InferSchemaType } from 'mongoose';

/**
 * A website scan-login ticket (微信登录). Its id is the scene of the mini-program code
 * that the website shows. The browser that created it keeps a secret in an HttpOnly
 * cookie, and only the secret's hash is stored. The ticket itself never changes; what
 * happens to it is recorded as steps (see below), and its state is derived from them
 * and from the clock on every read.
 */
const scanTicketSchema = new Schema(
  {
    /** 32 random letters and digits. */
    _id: { type: String, required: true },
    /** Hex SHA-256 of the creating browser's secret. */
    browserSecretHash: { type: String, required: true },
    createdAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true, index: true },
  },
  { collection: 'wechat_scan_tickets', versionKey: false },
);

function registerTicketModel(db: Connection) {
  return db.model('WechatScanTicket', scanTicketSchema);
}

export type ScanTicketModel = ReturnType<typeof registerTicketModel>;

export function scanTicketModel(db: Connection): ScanTicketModel {
  return (db.models.WechatScanTicket as ScanTicketModel | undefined) ?? registerTicketModel(db);
}

export const scanStepKinds = ['scanned', 'decided', 'session'] as const;
export type ScanStepKind = (typeof scanStepKinds)[number];

/**
 * One step of a scan ticket, stored under the id `<ticketId>:<kind>`. The unique `_id`
 * decides races, because conditional updates are not atomic on FerretDB 1.24. The
 * first scanner's `scanned` step wins and the first of confirm and cancel writes
 * `decided`. The first session request writes `session`, so the browser gets one session.
 */
const scanStepSchema = new Schema(
  {
    _id: { type: String, required: true },
    ticketId: { type: String, required: true, index: true },
    kind: { type: String, enum: scanStepKinds, required: true },
    /** The WeChat identity that scanned, confirmed or cancelled. */
    identityId: { type: Schema.Types.ObjectId },
    /** `decided` steps: the outcome. */
    decision: { type: String, enum: ['confirmed', 'cancelled'] },
    /** Confirmed `decided` steps: the account the website logs in as. */
    accountId: { type: Schema.Types.ObjectId },
    at: { type: Date, required: true },
  },
  { collection: 'wechat_scan_steps', versionKey: false },
);

export type ScanStepDoc = InferSchemaType<typeof scanStepSchema> & { _id: string };
function registerStepModel(db: Connection) {
  return db.model('WechatScanStep', scanStepSchema);
}

export type ScanStepModel = ReturnType<typeof registerStepModel>;

export function scanStepModel(db: Connection): ScanStepModel {
  return (db.models.WechatScanStep as ScanStepModel | undefined) ?? registerStepModel(db);
}

/** Builds the `_id` of a ticket's step of `kind`. */
export function scanStepId(ticketId: string, kind: ScanStepKind): string {
  return `${ticketId}:${kind}`;
}
