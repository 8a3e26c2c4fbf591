import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { TokenTransport } from '@ucz/shared';
import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import type { Config } from '../../config';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import { isDuplicateKeyError } from '../../lib/mongo-errors';
import type { Logger } from '../../logger';
import { accountModel } from '../accounts/account.model';
import type { AuditLog, RequestMeta } from '../audit/audit.service';
import { staffModel } from '../staff/staff.model';
import { createAccessTokens } from './access-token';
import type { AccessClaims, SubjectType } from './access-token';
import { refreshTokenModel, refreshTokenUseModel } from './refresh-token.model';
import { sessionModel } from './session.model';
import type { SessionEndReason } from './session.model';
import type { SigningKeys } from './signing-keys';
import { createSubjectReader } from './subjects';
import type { SubjectState } from './subjects';
import { TtlCache } from './ttl-cache';

const day = 86_400_000;
const hour = 3_600_000;
/** Maximum length of a refresh token that is looked up; issued tokens have 43 characters. */
const maxRefreshTokenLength = 200;

/** A new or refreshed session as the routes hand it to the client. */
export interface IssuedSession {
  sessionId: string;
  transport: TokenTransport;
  subjectType: SubjectType;
  subjectId: string;
  accessToken: string;
  accessTokenExpiresAt: Date;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
  /** Cookie sessions, at login only: the CSRF token the client sends back in X-CSRF-Token. */
  csrfToken?: string;
}

/** The session of a request whose access token passed every check. */
export interface AuthenticatedSession {
  claims: AccessClaims;
  subject: SubjectState;
  transport: TokenTransport;
  /** SHA-256 of the session's CSRF token; cookie sessions only. */
  csrfTokenHash?: string;
  /** The WeChat identity the session was made through, if any. */
  wechatIdentityId?: string;
}

interface CachedSession {
  subjectId: string;
  transport: TokenTransport;
  expiresAt: number;
  ended: boolean;
  csrfTokenHash?: string;
  wechatIdentityId?: string;
}

export interface SessionServiceDeps {
  db: Connection;
  clock: Clock;
  config: Config;
  logger: Logger;
  keys: SigningKeys;
  audit: AuditLog;
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Compares a presented CSRF token with the stored hash in constant time. */
export function csrfTokenMatches(token: string, storedHash: string | undefined): boolean {
  if (!storedHash || token.length === 0 || token.length > 200) return false;
  const presented = Buffer.from(sha256(token), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}

function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Creates the session service. A login starts a session (a family of refresh tokens);
 * access tokens are short-lived JWTs naming the session and the subject's
 * sessionVersion. Every request checks the token's signature and expiry, that the
 * session has not ended, and that the subject is still active with the same
 * sessionVersion. Those reads are cached for at most SESSION_STATE_CACHE_MS per
 * instance, and changes made through this service clear the cache at once. Refresh
 * tokens are stored hashed and work once; a second use of one ends its whole session.
 */
export function createSessionService(deps: SessionServiceDeps) {
  const { db, clock, config, audit } = deps;
  const log = deps.logger.child({ component: 'sessions' });
  const Sessions = sessionModel(db);
  const RefreshTokens = refreshTokenModel(db);
  const RefreshTokenUses = refreshTokenUseModel(db);
  const subjects = createSubjectReader(db);
  const accessTokens = createAccessTokens(deps.keys, config.ACCESS_TOKEN_SECONDS);
  const subjectCache = new TtlCache<SubjectState | undefined>(clock, config.SESSION_STATE_CACHE_MS);
  const sessionCache = new TtlCache<CachedSession | undefined>(
    clock,
    config.SESSION_STATE_CACHE_MS,
  );

  const subjectKey = (type: SubjectType, id: string) => `${type}:${id}`;

  function sessionLifetimeMs(subjectType: SubjectType): number {
    return subjectType === 'staff'
      ? config.STAFF_SESSION_HOURS * hour
      : config.SESSION_MAX_DAYS * day;
  }

  async function storeRefreshToken(sessionId: string, sessionExpiresAt: Date, now: Date) {
    const token = newSecret();
    const expiresAt = new Date(
      Math.min(now.getTime() + config.REFRESH_TOKEN_DAYS * day, sessionExpiresAt.getTime()),
    );
    await RefreshTokens.create({ _id: sha256(token), sessionId, createdAt: now, expiresAt });
    return { token, expiresAt };
  }

  /** Starts a session for a subject whose password (and code) were just checked. */
  async function start(input: {
    subjectType: SubjectType;
    subjectId: string;
    sessionVersion: number;
    transport: TokenTransport;
    request: RequestMeta;
    /** Set for sessions made through a WeChat identity, so that unbinding it ends them. */
    wechatIdentityId?: string;
  }): Promise<IssuedSession> {
    const now = clock.now();
    const sessionId = newSecret();
    const csrfToken = input.transport === 'cookie' ? newSecret() : undefined;
    const expiresAt = new Date(now.getTime() + sessionLifetimeMs(input.subjectType));
    await Sessions.create({
      _id: sessionId,
      subjectType: input.subjectType,
      subjectId: new Types.ObjectId(input.subjectId),
      sessionVersion: input.sessionVersion,
      transport: input.transport,
      csrfTokenHash: csrfToken ? sha256(csrfToken) : undefined,
      createdAt: now,
      expiresAt,
      wechatIdentityId: input.wechatIdentityId,
      ip: input.request.ip,
      userAgent: input.request.userAgent,
    });
    const refresh = await storeRefreshToken(sessionId, expiresAt, now);
    const access = accessTokens.sign(
      {
        subjectType: input.subjectType,
        subjectId: input.subjectId,
        sessionVersion: input.sessionVersion,
        familyId: sessionId,
      },
      now,
    );
    log.info(
      {
        sessionId: sessionId.slice(0, 8),
        subjectType: input.subjectType,
        subjectId: input.subjectId,
      },
      'session started',
    );
    return {
      sessionId,
      transport: input.transport,
      subjectType: input.subjectType,
      subjectId: input.subjectId,
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken: refresh.token,
      refreshTokenExpiresAt: refresh.expiresAt,
      csrfToken,
    };
  }

  /** Ends one session; its access tokens are refused from the next request on. */
  async function end(sessionId: string, reason: SessionEndReason): Promise<void> {
    await Sessions.updateOne(
      { _id: sessionId, endedAt: { $exists: false } },
      { $set: { endedAt: clock.now(), endReason: reason } },
    );
    await RefreshTokens.deleteMany({ sessionId });
    sessionCache.delete(sessionId);
    log.info({ sessionId: sessionId.slice(0, 8), reason }, 'session ended');
  }

  /**
   * Ends every session of a subject by raising its sessionVersion, so that tokens
   * issued before are refused on every instance within SESSION_STATE_CACHE_MS, and at
   * once on this one.
   */
  async function endAllFor(
    subjectType: SubjectType,
    subjectId: string,
    reason: SessionEndReason,
  ): Promise<number> {
    const id = new Types.ObjectId(subjectId);
    // A lost concurrent $inc still raises the version, which is all a check needs.
    if (subjectType === 'staff')
      await staffModel(db).updateOne({ _id: id }, { $inc: { sessionVersion: 1 } });
    else await accountModel(db).updateOne({ _id: id }, { $inc: { sessionVersion: 1 } });
    const open = await Sessions.find(
      { subjectType, subjectId: id, endedAt: { $exists: false } },
      { _id: 1 },
    ).lean();
    await Sessions.updateMany(
      { subjectType, subjectId: id, endedAt: { $exists: false } },
      { $set: { endedAt: clock.now(), endReason: reason } },
    );
    await RefreshTokens.deleteMany({ sessionId: { $in: open.map((session) => session._id) } });
    subjectCache.delete(subjectKey(subjectType, subjectId));
    for (const session of open) sessionCache.delete(session._id);
    log.info(
      { subjectType, subjectId, reason, sessions: open.length },
      'every session of the subject ended',
    );
    return open.length;
  }

  /** Ends every open session made through a WeChat identity, after it was unbound. */
  async function endAllForWechatIdentity(wechatIdentityId: string): Promise<number> {
    const filter = { wechatIdentityId, endedAt: { $exists: false } };
    const open = await Sessions.find(filter, { _id: 1 }).lean();
    await Sessions.updateMany(filter, {
      $set: { endedAt: clock.now(), endReason: 'wechat_unbound' },
    });
    await RefreshTokens.deleteMany({ sessionId: { $in: open.map((session) => session._id) } });
    for (const session of open) sessionCache.delete(session._id);
    log.info(
      { wechatIdentityId, sessions: open.length },
      'sessions of an unbound WeChat identity ended',
    );
    return open.length;
  }

  async function loadSession(sessionId: string): Promise<CachedSession | undefined> {
    const session = await Sessions.findById(sessionId).lean();
    if (!session) return undefined;
    return {
      subjectId: session.subjectId.toString(),
      transport: session.transport,
      expiresAt: session.expiresAt.getTime(),
      ended: Boolean(session.endedAt),
      csrfTokenHash: session.csrfTokenHash ?? undefined,
      wechatIdentityId: session.wechatIdentityId ?? undefined,
    };
  }

  /** Returns the session of a valid access token, or undefined when any check fails. */
  async function authenticate(
    accessToken: string,
    expected: SubjectType,
  ): Promise<AuthenticatedSession | undefined> {
    const now = clock.now();
    const claims = accessTokens.verify(accessToken, now);
    if (!claims || claims.subjectType !== expected) return undefined;

    const [subject, session] = await Promise.all([
      subjectCache.get(subjectKey(claims.subjectType, claims.subjectId), () =>
        subjects.read(claims.subjectType, claims.subjectId),
      ),
      sessionCache.get(claims.familyId, () => loadSession(claims.familyId)),
    ]);
    if (!subject?.active || subject.sessionVersion !== claims.sessionVersion) return undefined;
    if (
      !session ||
      session.ended ||
      session.expiresAt <= now.getTime() ||
      session.subjectId !== claims.subjectId
    ) {
      return undefined;
    }
    return {
      claims,
      subject,
      transport: session.transport,
      csrfTokenHash: session.csrfTokenHash,
      wechatIdentityId: session.wechatIdentityId,
    };
  }

  async function rejectReuse(
    sessionId: string,
    subjectType: SubjectType,
    subjectId: string,
    request: RequestMeta,
  ) {
    log.warn(
      { sessionId: sessionId.slice(0, 8), subjectType, subjectId },
      'refresh token used twice: session ended',
    );
    await end(sessionId, 'refresh_reuse');
    await audit.record({
      action: 'auth.refresh_reused',
      outcome: 'failure',
      actor: { type: subjectType, id: subjectId },
      target: { type: subjectType, id: subjectId },
      request,
      details: { session: sessionId.slice(0, 8) },
    });
  }

  /**
   * Exchanges a refresh token for a new access token and a new refresh token. Throws
   * auth.unauthenticated for an unknown, expired or used token, an ended session or a
   * subject that is disabled or has a new sessionVersion. A used token also ends its
   * session.
   */
  async function refresh(
    refreshToken: string,
    expected: SubjectType,
    request: RequestMeta,
  ): Promise<IssuedSession> {
    const unauthenticated = () => new AppError('auth.unauthenticated');
    if (refreshToken.length === 0 || refreshToken.length > maxRefreshTokenLength)
      throw unauthenticated();

    const now = clock.now();
    const tokenHash = sha256(refreshToken);
    const stored = await RefreshTokens.findById(tokenHash).lean();
    const reused = stored ? undefined : await RefreshTokenUses.findById(tokenHash).lean();
    const sessionId = stored?.sessionId ?? reused?.sessionId;
    const session = sessionId ? await Sessions.findById(sessionId).lean() : null;
    if (!session || session.subjectType !== expected) throw unauthenticated();
    const subjectId = session.subjectId.toString();

    if (reused) {
      if (!session.endedAt) await rejectReuse(session._id, session.subjectType, subjectId, request);
      throw unauthenticated();
    }
    if (!stored || stored.expiresAt <= now || session.endedAt || session.expiresAt <= now)
      throw unauthenticated();

    try {
      await RefreshTokenUses.create({
        _id: tokenHash,
        sessionId: session._id,
        usedAt: now,
        expiresAt: session.expiresAt,
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      // A concurrent request used the same token a moment earlier.
      await rejectReuse(session._id, session.subjectType, subjectId, request);
      throw unauthenticated();
    }
    await RefreshTokens.deleteOne({ _id: tokenHash });

    const subject = await subjects.read(session.subjectType, subjectId);
    if (!subject?.active || subject.sessionVersion !== session.sessionVersion) {
      await end(session._id, 'session_version');
      throw unauthenticated();
    }

    const next = await storeRefreshToken(session._id, session.expiresAt, now);
    const access = accessTokens.sign(
      {
        subjectType: session.subjectType,
        subjectId,
        sessionVersion: session.sessionVersion,
        familyId: session._id,
      },
      now,
    );
    return {
      sessionId: session._id,
      transport: session.transport,
      subjectType: session.subjectType,
      subjectId,
      accessToken: access.token,
      accessTokenExpiresAt: access.expiresAt,
      refreshToken: next.token,
      refreshTokenExpiresAt: next.expiresAt,
    };
  }

  /** Finds the session of a refresh token without using the token; for logout and CSRF checks. */
  async function sessionOfRefreshToken(refreshToken: string) {
    if (refreshToken.length === 0 || refreshToken.length > maxRefreshTokenLength) return undefined;
    const stored = await RefreshTokens.findById(sha256(refreshToken)).lean();
    if (!stored) return undefined;
    const session = await Sessions.findById(stored.sessionId).lean();
    return session ?? undefined;
  }

  /** Forgets what this instance cached about a subject, after a change made elsewhere in the app. */
  function forgetSubject(subjectType: SubjectType, subjectId: string): void {
    subjectCache.delete(subjectKey(subjectType, subjectId));
  }

  /** Deletes expired sessions and refresh-token records; returns how many of each went. */
  async function sweep(): Promise<{ sessions: number; refreshTokens: number; uses: number }> {
    const expired = { expiresAt: { $lte: clock.now() } };
    const result = {
      sessions: (await Sessions.deleteMany(expired)).deletedCount,
      refreshTokens: (await RefreshTokens.deleteMany(expired)).deletedCount,
      uses: (await RefreshTokenUses.deleteMany(expired)).deletedCount,
    };
    if (result.sessions + result.refreshTokens + result.uses > 0)
      log.info(result, 'expired sessions swept');
    return result;
  }

  return {
    start,
    end,
    endAllFor,
    endAllForWechatIdentity,
    authenticate,
    refresh,
    sessionOfRefreshToken,
    forgetSubject,
    sweep,
  };
}

export type SessionService = ReturnType<typeof createSessionService>;
