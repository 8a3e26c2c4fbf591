import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ScanTicketState, ScanTicketView } from '@ucz/shared';
import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import { isDuplicateKeyError } from '../../lib/mongo-errors';
import type { Logger } from '../../logger';
import type { ScanTicketEvents } from './scan-ticket-events';
import { scanStepId, scanStepModel, scanTicketModel } from './scan-ticket.model';
import type { ScanStepDoc, ScanStepKind } from './scan-ticket.model';
import { toAppError } from './wechat-app-errors';
import type { WechatClient } from './wechat-client';

/**
 * Default lifetime of a scan ticket, which expires this long after it is created unless
 * it was confirmed or cancelled. WECHAT_SCAN_TICKET_SECONDS sets another lifetime.
 */
export const defaultScanTicketLifetimeMs = 2 * 60_000;
/** After a confirm, the website has this long to collect its session. */
export const scanSessionPickupMs = 2 * 60_000;

const ticketIdLength = 32;
const alphanumeric = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Returns `length` random letters and digits, without modulo bias. */
export function randomAlphanumeric(length: number): string {
  let result = '';
  while (result.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 4 × 62: bytes above it would favour the first characters.
      if (byte >= 248) continue;
      result += alphanumeric[byte % 62];
      if (result.length === length) break;
    }
  }
  return result;
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

function secretMatches(secret: string | undefined, storedHash: string): boolean {
  if (!secret || secret.length > 200) return false;
  const presented = Buffer.from(sha256(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

/** Everything known about a ticket at one moment. */
export interface ScanTicketSnapshot {
  ticketId: string;
  state: ScanTicketState;
  expiresAt: Date;
  browserSecretHash: string;
  scannedBy?: string;
  decision?: {
    kind: 'confirmed' | 'cancelled';
    identityId: string;
    accountId?: string;
    at: Date;
  };
  sessionTaken: boolean;
}

export interface ScanTicketService {
  /** Creates a ticket for the browser holding `browserSecret` and renders its mini-program code. */
  create(
    browserSecret: string,
  ): Promise<{ view: ScanTicketView; image: Buffer; contentType: string }>;
  /** Returns the ticket to the browser that created it; wechat.scan_ticket_not_found for any other. */
  viewForBrowser(ticketId: string, browserSecret: string | undefined): Promise<ScanTicketView>;
  /** The ticket's current state, read from the database; undefined when unknown. */
  read(ticketId: string): Promise<ScanTicketSnapshot | undefined>;
  /** Throws unless the ticket exists and is neither decided nor expired. */
  assertOpen(ticketId: string): Promise<ScanTicketSnapshot>;
  /** Records the scan of a WeChat user; a second, different scanner gets wechat.scan_ticket_taken. */
  scan(ticketId: string, identityId: string): Promise<ScanTicketSnapshot>;
  /** Confirms the login for the account bound to the scanner; wechat.scan_ticket_expired after expiry. */
  confirm(ticketId: string, identityId: string, accountId: string): Promise<ScanTicketSnapshot>;
  cancel(ticketId: string, identityId: string): Promise<ScanTicketSnapshot>;
  /**
   * Hands the confirmed login to the browser that created the ticket, exactly once:
   * returns the identity and account to start the session for.
   */
  claimSession(
    ticketId: string,
    browserSecret: string | undefined,
  ): Promise<{ identityId: string; accountId: string }>;
}

export function viewOf(snapshot: ScanTicketSnapshot): ScanTicketView {
  return {
    ticketId: snapshot.ticketId,
    state: snapshot.state,
    expiresAt: snapshot.expiresAt.toISOString(),
  };
}

/**
 * Creates the scan-login tickets. Their state lives in the database, so every instance
 * reads the same ticket: a ticket document, and one step document per event whose
 * unique id lets exactly one request win each race (see scan-ticket.model.ts).
 * `events` tells watchers on this instance about a change at once.
 */
export function createScanTicketService(deps: {
  db: Connection;
  clock: Clock;
  logger: Logger;
  client: WechatClient | undefined;
  events: ScanTicketEvents;
  page: string;
  envVersion: 'release' | 'trial' | 'develop';
  /** Lifetime of a new ticket; defaults to defaultScanTicketLifetimeMs. */
  lifetimeMs?: number;
}): ScanTicketService {
  const lifetimeMs = deps.lifetimeMs ?? defaultScanTicketLifetimeMs;
  const Tickets = scanTicketModel(deps.db);
  const Steps = scanStepModel(deps.db);
  const log = deps.logger.child({ component: 'wechat-scan-tickets' });

  async function read(ticketId: string): Promise<ScanTicketSnapshot | undefined> {
    const ticket = await Tickets.findById(ticketId).lean();
    if (!ticket) return undefined;
    const steps = await Steps.find({ ticketId }).lean<ScanStepDoc[]>();
    const step = (kind: ScanStepKind) =>
      steps.find((entry) => entry._id === scanStepId(ticketId, kind));
    const scanned = step('scanned');
    const decided = step('decided');
    // A decision stored after the expiry (a confirm racing the clock) does not count.
    const decision =
      decided?.decision && decided.identityId && decided.at < ticket.expiresAt
        ? {
            kind: decided.decision,
            identityId: decided.identityId.toString(),
            ...(decided.accountId ? { accountId: decided.accountId.toString() } : {}),
            at: decided.at,
          }
        : undefined;

    let state: ScanTicketState;
    if (decision) state = decision.kind;
    else if (deps.clock.now().getTime() >= ticket.expiresAt.getTime()) state = 'expired';
    else state = scanned ? 'scanned' : 'waiting';

    return {
      ticketId,
      state,
      expiresAt: ticket.expiresAt,
      browserSecretHash: ticket.browserSecretHash,
      ...(scanned?.identityId ? { scannedBy: scanned.identityId.toString() } : {}),
      ...(decision ? { decision } : {}),
      sessionTaken: Boolean(step('session')),
    };
  }

  async function readExisting(ticketId: string): Promise<ScanTicketSnapshot> {
    const snapshot = await read(ticketId);
    if (!snapshot) throw new AppError('wechat.scan_ticket_not_found');
    return snapshot;
  }

  /** Inserts a step; false when that step exists already. */
  async function addStep(
    ticketId: string,
    kind: ScanStepKind,
    fields: { identityId?: string; decision?: 'confirmed' | 'cancelled'; accountId?: string },
  ): Promise<boolean> {
    try {
      await Steps.create({
        _id: scanStepId(ticketId, kind),
        ticketId,
        kind,
        ...(fields.identityId ? { identityId: new Types.ObjectId(fields.identityId) } : {}),
        ...(fields.decision ? { decision: fields.decision } : {}),
        ...(fields.accountId ? { accountId: new Types.ObjectId(fields.accountId) } : {}),
        at: deps.clock.now(),
      });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  /** Makes `identityId` the ticket's scanner, unless someone else scanned it first. */
  async function claimScan(snapshot: ScanTicketSnapshot, identityId: string): Promise<void> {
    if (snapshot.scannedBy === undefined) {
      if (await addStep(snapshot.ticketId, 'scanned', { identityId })) {
        log.info({ ticketId: snapshot.ticketId, identityId }, 'scan ticket scanned');
        deps.events.notify(snapshot.ticketId);
        return;
      }
      snapshot = await readExisting(snapshot.ticketId);
    }
    if (snapshot.scannedBy !== identityId) {
      log.info(
        { ticketId: snapshot.ticketId, identityId },
        'scan rejected: another WeChat user scanned first',
      );
      throw new AppError('wechat.scan_ticket_taken');
    }
  }

  /** Throws unless the ticket is still open (not decided, not expired). */
  function assertOpen(snapshot: ScanTicketSnapshot): void {
    if (snapshot.decision) throw new AppError('wechat.scan_ticket_closed');
    if (snapshot.state === 'expired') throw new AppError('wechat.scan_ticket_expired');
  }

  async function decide(
    ticketId: string,
    identityId: string,
    decision: 'confirmed' | 'cancelled',
    accountId?: string,
  ): Promise<ScanTicketSnapshot> {
    let snapshot = await readExisting(ticketId);
    const repeated = () =>
      snapshot.decision?.kind === decision && snapshot.decision.identityId === identityId;
    if (repeated()) return snapshot;
    assertOpen(snapshot);
    await claimScan(snapshot, identityId);

    const won = await addStep(ticketId, 'decided', {
      identityId,
      decision,
      ...(accountId ? { accountId } : {}),
    });
    snapshot = await readExisting(ticketId);
    if (repeated()) {
      if (won) {
        log.info({ ticketId, identityId, accountId, decision }, `scan ticket ${decision}`);
        deps.events.notify(ticketId);
      }
      return snapshot;
    }
    if (snapshot.state === 'expired') throw new AppError('wechat.scan_ticket_expired');
    throw new AppError('wechat.scan_ticket_closed');
  }

  return {
    async create(browserSecret) {
      const { client } = deps;
      if (!client) throw new AppError('wechat.not_configured');
      const ticketId = randomAlphanumeric(ticketIdLength);
      let rendered;
      try {
        rendered = await client.getUnlimitedWxacode({
          scene: ticketId,
          page: deps.page,
          // WeChat checks the page only against the published version.
          checkPath: deps.envVersion === 'release',
          envVersion: deps.envVersion,
          width: 430,
        });
      } catch (error) {
        throw toAppError(error, log);
      }

      const now = deps.clock.now();
      const expiresAt = new Date(now.getTime() + lifetimeMs);
      await Tickets.create({
        _id: ticketId,
        browserSecretHash: sha256(browserSecret),
        createdAt: now,
        expiresAt,
      });
      log.info({ ticketId }, 'scan ticket created');
      return {
        view: { ticketId, state: 'waiting', expiresAt: expiresAt.toISOString() },
        image: rendered.image,
        contentType: rendered.contentType,
      };
    },

    async viewForBrowser(ticketId, browserSecret) {
      const snapshot = await read(ticketId);
      if (!snapshot || !secretMatches(browserSecret, snapshot.browserSecretHash))
        throw new AppError('wechat.scan_ticket_not_found');
      return viewOf(snapshot);
    },

    read,

    async assertOpen(ticketId) {
      const snapshot = await readExisting(ticketId);
      assertOpen(snapshot);
      return snapshot;
    },

    async scan(ticketId, identityId) {
      const snapshot = await readExisting(ticketId);
      if (snapshot.scannedBy === identityId && !snapshot.decision) return snapshot;
      assertOpen(snapshot);
      await claimScan(snapshot, identityId);
      return readExisting(ticketId);
    },

    confirm: (ticketId, identityId, accountId) =>
      decide(ticketId, identityId, 'confirmed', accountId),

    cancel: (ticketId, identityId) => decide(ticketId, identityId, 'cancelled'),

    async claimSession(ticketId, browserSecret) {
      const snapshot = await read(ticketId);
      if (!snapshot || !secretMatches(browserSecret, snapshot.browserSecretHash))
        throw new AppError('wechat.scan_ticket_not_found');
      const { decision } = snapshot;
      if (snapshot.state === 'expired') throw new AppError('wechat.scan_ticket_expired');
      if (!decision) throw new AppError('wechat.scan_not_confirmed');
      if (decision.kind !== 'confirmed' || !decision.accountId || snapshot.sessionTaken)
        throw new AppError('wechat.scan_ticket_closed');
      if (deps.clock.now().getTime() >= decision.at.getTime() + scanSessionPickupMs)
        throw new AppError('wechat.scan_ticket_expired');

      if (!(await addStep(ticketId, 'session', {}))) {
        log.warn({ ticketId }, 'scan ticket session requested twice; the second gets nothing');
        throw new AppError('wechat.scan_ticket_closed');
      }
      return { identityId: decision.identityId, accountId: decision.accountId };
    },
  };
}
