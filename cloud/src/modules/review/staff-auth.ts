import { createHash, randomBytes } from 'node:crypto';
import { usernameKey } from '@ucz/shared';
import type { Middleware } from 'koa';
import type { Connection } from 'mongoose';
import type { Config } from '../../config';
import { AppError } from '../../http/app-error';
import type { AppState } from '../../http/context';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../logger';
import type { PasswordHasher } from '../accounts/password-hasher';
import { staffSessionModel } from '../staff/staff-session.model';
import { staffModel } from '../staff/staff.model';
import type { StaffDoc, StaffRole } from '../staff/staff.model';

/** Consecutive wrong passwords that lock a staff account. */
export const staffMaxFailedLogins = 5;
/** How long a locked staff account refuses password login. */
export const staffLockMinutes = 15;
/** Bearer tokens longer than this are not looked up. */
const maxTokenLength = 128;

export interface StaffPrincipal {
  id: string;
  username: string;
  name: string;
  role: StaffRole;
}

export interface StaffLoginResult {
  token: string;
  expiresAt: Date;
  staff: { username: string; name: string; role: StaffRole };
}

export interface StaffAuthDeps {
  db: Connection;
  clock: Clock;
  config: Pick<Config, 'STAFF_SESSION_HOURS'>;
  hasher: PasswordHasher;
  logger: Logger;
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Returns the token of an `Authorization: Bearer <token>` header, if any. */
export function bearerTokenOf(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/iu.exec(header ?? '');
  return match?.[1];
}

function loginFailureOf(
  staff: StaffDoc | null,
  locked: boolean,
  passwordMatches: boolean,
): 'unknown_username' | 'disabled' | 'locked' | 'wrong_password' | undefined {
  if (!staff) return 'unknown_username';
  if (staff.status !== 'active') return 'disabled';
  if (locked) return 'locked';
  if (!passwordMatches) return 'wrong_password';
  return undefined;
}

export type StaffAuthService = ReturnType<typeof createStaffAuthService>;

/**
 * Password login of staff with opaque session tokens (stored as SHA-256 hashes), the
 * lookup of a session from its token, and the `requireStaff` middleware.
 */
export function createStaffAuthService(deps: StaffAuthDeps) {
  const { db, clock, config, hasher, logger } = deps;
  const Staff = staffModel(db);
  const Sessions = staffSessionModel(db);

  // Checked for unknown usernames so that they cost as much time as a wrong password.
  let dummyHash: Promise<string> | undefined;
  const dummyHashOnce = () => (dummyHash ??= hasher.hash(`${randomBytes(16).toString('hex')}Aa1!`));

  async function recordFailure(staff: StaffDoc): Promise<void> {
    const updated = await Staff.findOneAndUpdate(
      { _id: staff._id },
      { $inc: { failedLogins: 1 } },
      { returnDocument: 'after' },
    ).lean();
    if (updated && updated.failedLogins >= staffMaxFailedLogins) {
      const lockedUntil = new Date(clock.now().getTime() + staffLockMinutes * 60_000);
      await Staff.updateOne({ _id: staff._id }, { $set: { lockedUntil, failedLogins: 0 } });
      logger.warn(
        { staffId: staff._id.toString(), lockedUntil },
        'staff account locked after repeated wrong passwords',
      );
    }
  }

  async function login(input: {
    username: string;
    password: string;
    ip?: string;
    userAgent?: string;
  }): Promise<StaffLoginResult> {
    const now = clock.now();
    const staff = await Staff.findOne({
      usernameKey: usernameKey(input.username),
    }).lean<StaffDoc>();
    const passwordMatches = await hasher.verify(
      staff?.passwordHash ?? (await dummyHashOnce()),
      input.password,
    );
    const locked = Boolean(staff?.lockedUntil && staff.lockedUntil.getTime() > now.getTime());

    const failure = loginFailureOf(staff, locked, passwordMatches);
    if (failure || !staff) {
      if (staff && failure === 'wrong_password') await recordFailure(staff);
      // Every failure gets the same response, so it does not reveal whether the username exists.
      logger.info(
        { staffId: staff?._id.toString(), reason: failure, ip: input.ip },
        'staff login failed',
      );
      throw new AppError('auth.invalid_credentials');
    }

    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(now.getTime() + config.STAFF_SESSION_HOURS * 3_600_000);
    await Sessions.create({
      tokenHash: hashToken(token),
      staffId: staff._id,
      sessionVersion: staff.sessionVersion,
      createdAt: now,
      expiresAt,
      ip: input.ip,
      userAgent: input.userAgent?.slice(0, 300),
    });
    await Staff.updateOne(
      { _id: staff._id },
      { $set: { failedLogins: 0, lastLoginAt: now }, $unset: { lockedUntil: 1 } },
    );
    logger.info(
      { staffId: staff._id.toString(), role: staff.role, ip: input.ip },
      'staff logged in',
    );
    return {
      token,
      expiresAt,
      staff: { username: staff.username, name: staff.name, role: staff.role },
    };
  }

  /** Ends the session of `token`; a token without a session is ignored. */
  async function logout(token: string): Promise<void> {
    const session = await Sessions.findOneAndDelete({ tokenHash: hashToken(token) }).lean();
    if (session) logger.info({ staffId: session.staffId.toString() }, 'staff logged out');
  }

  /** Returns the staff member of a live session, or undefined for an unknown, expired or ended one. */
  async function authenticate(token: string): Promise<StaffPrincipal | undefined> {
    if (token.length > maxTokenLength) return undefined;
    const session = await Sessions.findOne({ tokenHash: hashToken(token) }).lean();
    if (!session) return undefined;

    if (session.expiresAt.getTime() <= clock.now().getTime()) {
      await Sessions.deleteOne({ _id: session._id });
      return undefined;
    }
    const staff = await Staff.findById(session.staffId).lean<StaffDoc>();
    if (!staff || staff.status !== 'active' || staff.sessionVersion !== session.sessionVersion) {
      await Sessions.deleteOne({ _id: session._id });
      return undefined;
    }
    return {
      id: staff._id.toString(),
      username: staff.username,
      name: staff.name,
      role: staff.role,
    };
  }

  /**
   * Builds middleware that lets a request through only with a live staff session
   * (`Authorization: Bearer <token>`) and, when `roles` is given, one of those roles.
   * Sets ctx.state.staff.
   */
  function requireStaff(roles?: StaffRole | readonly StaffRole[]): Middleware<AppState> {
    const allowed = roles === undefined ? undefined : ([] as StaffRole[]).concat(roles);
    return async (ctx, next) => {
      const token = bearerTokenOf(ctx.get('authorization'));
      const staff = token ? await authenticate(token) : undefined;
      if (!staff) {
        throw new AppError('auth.unauthenticated', { headers: { 'WWW-Authenticate': 'Bearer' } });
      }
      if (allowed && !allowed.includes(staff.role)) {
        ctx.state.log.info(
          { staffId: staff.id, role: staff.role, allowed },
          'staff role not allowed',
        );
        throw new AppError('auth.forbidden');
      }
      ctx.state.staff = { id: staff.id, username: staff.username, role: staff.role };
      ctx.state.log = ctx.state.log.child({ staffId: staff.id });
      await next();
    };
  }

  /** Deletes expired sessions; returns how many were removed. */
  async function sweepExpiredSessions(): Promise<number> {
    const result = await Sessions.deleteMany({ expiresAt: { $lte: clock.now() } });
    if (result.deletedCount > 0)
      logger.info({ deleted: result.deletedCount }, 'expired staff sessions removed');
    return result.deletedCount;
  }

  return { login, logout, authenticate, requireStaff, sweepExpiredSessions };
}
