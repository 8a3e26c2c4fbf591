import type { AuditEntryView, AuditPartyView } from '@ucz/shared';
import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import type { AppContext } from '../../http/context';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../logger';
import { auditEntryModel } from './audit.model';
import type { AuditEntryDoc } from './audit.model';
import { createPartyNames } from './party-names';

/** Every action the audit log records. */
export const auditActions = [
  'auth.login_succeeded',
  'auth.login_failed',
  'auth.account_locked',
  'auth.code_sent',
  'auth.logout',
  'auth.refresh_reused',
  'auth.password_changed',
  'auth.password_reset',
  'account.created',
  'account.activated',
  'account.updated',
  'account.disabled',
  'account.enabled',
  'account.permissions_changed',
  'account.password_reset_by_admin',
  'review.approved',
  'review.rejected',
  'staff.created',
  'company.customer_manager_assigned',
  'wechat.bound',
  'wechat.unbound',
  'wechat.scan_confirmed',
] as const;
export type AuditAction = (typeof auditActions)[number];

export interface AuditParty {
  type: 'account' | 'staff' | 'company' | 'application' | 'anonymous' | 'system';
  id?: string;
  label?: string;
}

/** Request origin kept in the audit log. */
export interface RequestMeta {
  ip?: string;
  requestId?: string;
  userAgent?: string;
}

export interface AuditRecord {
  action: AuditAction;
  outcome?: 'success' | 'failure';
  actor: AuditParty;
  target?: AuditParty;
  companyId?: string | Types.ObjectId;
  request?: RequestMeta;
  details?: Record<string, string | number | boolean | undefined>;
}

/** Detail keys that could carry a secret; the log never stores them. */
const secretKeyPattern = /password|passcode|token|secret|hash|otp|^code$/iu;

/** Returns the request facts the audit log keeps: client address, request id and user agent. */
export function requestMetaOf(ctx: AppContext): RequestMeta {
  const userAgent = ctx.get('user-agent');
  return {
    ip: ctx.state.clientIp,
    requestId: ctx.state.requestId,
    ...(userAgent ? { userAgent: userAgent.slice(0, 300) } : {}),
  };
}

function cleanDetails(
  details: AuditRecord['details'],
): Record<string, string | number | boolean> | undefined {
  if (!details) return undefined;
  const kept = Object.entries(details).filter(
    (entry): entry is [string, string | number | boolean] =>
      entry[1] !== undefined && !secretKeyPattern.test(entry[0]),
  );
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

function viewOf(entry: AuditEntryDoc): AuditEntryView {
  const party = (value: { type: string; id?: string | null; label?: string | null }) => ({
    type: value.type,
    ...(value.id ? { id: value.id } : {}),
    ...(value.label ? { label: value.label } : {}),
  });
  return {
    id: entry._id.toString(),
    at: entry.at.toISOString(),
    action: entry.action,
    outcome: entry.outcome,
    actor: party(entry.actor),
    ...(entry.target ? { target: party(entry.target) } : {}),
    ...(entry.companyId ? { companyId: entry.companyId.toString() } : {}),
    ...(entry.ip ? { ip: entry.ip } : {}),
    ...(entry.requestId ? { requestId: entry.requestId } : {}),
    ...(entry.details
      ? { details: entry.details as Record<string, string | number | boolean> }
      : {}),
  };
}

/** Returns the party without its id when it is operator staff. */
function withoutStaffId(party: AuditPartyView): AuditPartyView {
  if (party.type !== 'staff') return party;
  const { id: _id, ...rest } = party;
  return rest;
}

/** Removes operator staff ids, and the address of entries that staff made, from a company's view. */
function withoutStaffDetails(view: AuditEntryView): AuditEntryView {
  const { ip, ...rest } = view;
  return {
    ...rest,
    actor: withoutStaffId(view.actor),
    ...(view.target ? { target: withoutStaffId(view.target) } : {}),
    ...(ip && view.actor.type !== 'staff' ? { ip } : {}),
  };
}

/**
 * Creates the audit log: `record` adds an entry, `list` pages through entries, newest
 * first, optionally for one company and one action.
 */
export function createAuditLog(deps: { db: Connection; clock: Clock; logger: Logger }) {
  const Entries = auditEntryModel(deps.db);
  const partyNames = createPartyNames(deps.db);
  const log = deps.logger.child({ component: 'audit' });

  /**
   * Adds an entry. A failed write is logged with the entry's facts and not raised: the
   * action it describes has already happened and must not be reported as failed.
   */
  async function record(entry: AuditRecord): Promise<void> {
    const document = {
      at: deps.clock.now(),
      action: entry.action,
      outcome: entry.outcome ?? 'success',
      actor: entry.actor,
      target: entry.target,
      companyId: entry.companyId ? new Types.ObjectId(entry.companyId.toString()) : undefined,
      ip: entry.request?.ip,
      requestId: entry.request?.requestId,
      userAgent: entry.request?.userAgent,
      details: cleanDetails(entry.details),
    };
    try {
      await Entries.create(document);
    } catch (error) {
      log.error(
        { err: error, audit: { ...document, userAgent: undefined } },
        'audit entry could not be written',
      );
    }
  }

  /** Adds readable names to the actors and targets of a page of entries. */
  async function withPartyNames(views: AuditEntryView[]): Promise<AuditEntryView[]> {
    // Actors first, then the targets that exist, resolved together in one pass.
    const targets = views.flatMap((view) => (view.target ? [view.target] : []));
    const resolved = await partyNames.resolve([...views.map((view) => view.actor), ...targets]);
    let nextTarget = views.length;
    return views.map((view, index) => ({
      ...view,
      actor: resolved[index] ?? view.actor,
      ...(view.target ? { target: resolved[nextTarget++] ?? view.target } : {}),
    }));
  }

  /**
   * Lists entries newest first. With `companyId` the list is a company admin's view, in
   * which operator staff appear by name and role only, without their id or address.
   */
  async function list(query: {
    companyId?: string;
    action?: string;
    limit: number;
    offset: number;
  }): Promise<{ entries: AuditEntryView[]; total: number }> {
    const filter = {
      ...(query.companyId ? { companyId: new Types.ObjectId(query.companyId) } : {}),
      ...(query.action ? { action: query.action } : {}),
    };
    const [entries, total] = await Promise.all([
      Entries.find(filter)
        .sort({ at: -1, _id: -1 })
        .skip(query.offset)
        .limit(query.limit)
        .lean<AuditEntryDoc[]>(),
      Entries.countDocuments(filter),
    ]);
    const named = await withPartyNames(entries.map(viewOf));
    return { entries: query.companyId ? named.map(withoutStaffDetails) : named, total };
  }

  return { record, list };
}

export type AuditLog = ReturnType<typeof createAuditLog>;
