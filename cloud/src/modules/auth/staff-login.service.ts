import { usernameKey } from '@ucz/shared';
import type { TokenTransport } from '@ucz/shared';
import type { Connection } from 'mongoose';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../logger';
import type { AuditLog, RequestMeta } from '../audit/audit.service';
import { staffModel } from '../staff/staff.model';
import type { StaffDoc, StaffRole } from '../staff/staff.model';
import type { PasswordGuard } from './password-guard';
import type { AuthRateLimits } from './rate-limits';
import type { IssuedSession, SessionService } from './session.service';

export interface StaffLoginResult {
  session: IssuedSession;
  staff: { id: string; username: string; name: string; role: StaffRole };
}

/**
 * Password login of reviewers and operator admins, with the same lockout, rate limits
 * and sessions as accounts (subject type `staff`). Staff have no email on record, so
 * their login takes no one-time code.
 */
export function createStaffLoginService(deps: {
  db: Connection;
  clock: Clock;
  logger: Logger;
  passwordGuard: PasswordGuard;
  rateLimits: AuthRateLimits;
  sessions: SessionService;
  audit: AuditLog;
}) {
  const { clock, passwordGuard, rateLimits, sessions, audit } = deps;
  const log = deps.logger.child({ component: 'staff-login' });
  const Staff = staffModel(deps.db);

  async function refuse(reason: string, request: RequestMeta, staff?: StaffDoc): Promise<never> {
    log.info({ reason, staffId: staff?._id.toString(), ip: request.ip }, 'staff login rejected');
    await audit.record({
      action: 'auth.login_failed',
      outcome: 'failure',
      actor: staff
        ? { type: 'staff', id: staff._id.toString(), label: staff.username }
        : { type: 'anonymous' },
      target: staff
        ? { type: 'staff', id: staff._id.toString(), label: staff.username }
        : undefined,
      request,
      details: { reason, subjectType: 'staff' },
    });
    // Every failure gets the same response, so it does not reveal whether the username exists.
    throw new AppError('auth.invalid_credentials');
  }

  async function login(
    input: { username: string; password: string; tokenTransport: TokenTransport },
    request: RequestMeta & { ip: string },
  ): Promise<StaffLoginResult> {
    await rateLimits.loginAttempt(request.ip);
    const staff = await Staff.findOne({
      usernameKey: usernameKey(input.username),
    }).lean<StaffDoc>();
    if (!staff) {
      // The same guard work as for a real staff member, so the time taken does not reveal the name.
      await passwordGuard.check(
        `staff-username:${usernameKey(input.username)}`,
        undefined,
        input.password,
      );
      return refuse('unknown_account', request);
    }

    const staffId = staff._id.toString();
    const check = await passwordGuard.check(`staff:${staffId}`, staff.passwordHash, input.password);
    if (check.result === 'wrong' && check.lockedUntil) {
      await audit.record({
        action: 'auth.account_locked',
        outcome: 'failure',
        actor: { type: 'system' },
        target: { type: 'staff', id: staffId, label: staff.username },
        request,
        details: { failures: check.failures, lockedUntil: check.lockedUntil.toISOString() },
      });
    }
    if (check.result === 'locked') return refuse('locked', request, staff);
    if (check.result === 'wrong') return refuse('wrong_password', request, staff);
    if (staff.status !== 'active') return refuse('disabled', request, staff);

    const session = await sessions.start({
      subjectType: 'staff',
      subjectId: staffId,
      sessionVersion: staff.sessionVersion,
      transport: input.tokenTransport,
      request,
    });
    await Staff.updateOne({ _id: staff._id }, { $set: { lastLoginAt: clock.now() } });
    await audit.record({
      action: 'auth.login_succeeded',
      actor: { type: 'staff', id: staffId, label: staff.username },
      request,
      details: { role: staff.role, transport: input.tokenTransport },
    });
    log.info({ staffId, role: staff.role }, 'staff logged in');
    return {
      session,
      staff: { id: staffId, username: staff.username, name: staff.name, role: staff.role },
    };
  }

  return { login };
}

export type StaffLoginService = ReturnType<typeof createStaffLoginService>;
