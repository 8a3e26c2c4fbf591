import type { TokenTransport } from '@ucz/shared';
import type { Middleware } from 'koa';
import { AppError } from '../../http/app-error';
import type { AppContext, AppState } from '../../http/context';
import type { StaffRole } from '../staff/staff.model';
import type { SubjectType } from './access-token';
import { csrfHeader, isUnsafeMethod, sessionCookieNames } from './session-cookies';
import { csrfTokenMatches } from './session.service';
import type { AuthenticatedSession, SessionService } from './session.service';

/** Returns the token of an `Authorization: Bearer <token>` header, if any. */
export function bearerTokenOf(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/iu.exec(header ?? '');
  return match?.[1];
}

function unauthenticated(): AppError {
  return new AppError('auth.unauthenticated', { headers: { 'WWW-Authenticate': 'Bearer' } });
}

/**
 * Finds the access token of a request: the bearer token when an Authorization header is
 * present (the mini-program), otherwise the session cookie (the website).
 */
function presentedToken(
  ctx: AppContext,
  subjectType: SubjectType,
): { token: string; transport: TokenTransport } | undefined {
  const header = ctx.get('authorization');
  if (header) {
    const token = bearerTokenOf(header);
    return token ? { token, transport: 'bearer' } : undefined;
  }
  const cookie = ctx.cookies.get(sessionCookieNames[subjectType].access);
  return cookie ? { token: cookie, transport: 'cookie' } : undefined;
}

/**
 * Checks the double-submitted CSRF token of a cookie-authenticated unsafe request: the
 * X-CSRF-Token header must equal the CSRF cookie and match the session's stored token.
 * Another site can make the browser send the cookies but can neither read the cookie
 * nor set the header.
 */
export function assertCsrf(
  ctx: AppContext,
  subjectType: SubjectType,
  csrfTokenHash: string | undefined,
): void {
  const header = ctx.get(csrfHeader);
  const cookie = ctx.cookies.get(sessionCookieNames[subjectType].csrf) ?? '';
  if (header === '' || header !== cookie || !csrfTokenMatches(header, csrfTokenHash)) {
    ctx.state.log.info(
      { hasHeader: header !== '', hasCookie: cookie !== '' },
      'CSRF token missing or wrong',
    );
    throw new AppError('auth.csrf_invalid');
  }
}

/** Builds the middleware that admits only requests with a live session. */
export function createSessionGuard(sessions: SessionService) {
  async function authenticateRequest(
    ctx: AppContext,
    subjectType: SubjectType,
  ): Promise<AuthenticatedSession> {
    const presented = presentedToken(ctx, subjectType);
    const session = presented
      ? await sessions.authenticate(presented.token, subjectType)
      : undefined;
    if (!presented || !session) throw unauthenticated();
    if (presented.transport === 'cookie' && isUnsafeMethod(ctx.method))
      assertCsrf(ctx, subjectType, session.csrfTokenHash);
    ctx.state.session = {
      familyId: session.claims.familyId,
      transport: presented.transport,
      ...(session.wechatIdentityId ? { wechatIdentityId: session.wechatIdentityId } : {}),
    };
    return session;
  }

  /**
   * Admits requests of a logged-in, active account (with `role: 'admin'`, only company
   * admins) and sets ctx.state.account. Cookie sessions must send X-CSRF-Token on
   * unsafe methods.
   */
  function requireAccount(options: { role?: 'admin' } = {}): Middleware<AppState> {
    return async (ctx, next) => {
      const { subject } = await authenticateRequest(ctx, 'account');
      if (subject.subjectType !== 'account') throw unauthenticated();
      if (options.role && subject.role !== options.role) {
        ctx.state.log.info(
          { accountId: subject.id, role: subject.role },
          'account role not allowed',
        );
        throw new AppError('auth.forbidden');
      }
      ctx.state.account = {
        id: subject.id,
        username: subject.username,
        companyId: subject.companyId,
        role: subject.role,
      };
      ctx.state.log = ctx.state.log.child({ accountId: subject.id });
      await next();
    };
  }

  /** Admits requests of a logged-in staff member (of one of `roles` when given) and sets ctx.state.staff. */
  function requireStaff(roles?: StaffRole | readonly StaffRole[]): Middleware<AppState> {
    const allowed = roles === undefined ? undefined : ([] as StaffRole[]).concat(roles);
    return async (ctx, next) => {
      const { subject } = await authenticateRequest(ctx, 'staff');
      if (subject.subjectType !== 'staff') throw unauthenticated();
      if (allowed && !allowed.includes(subject.role)) {
        ctx.state.log.info(
          { staffId: subject.id, role: subject.role, allowed },
          'staff role not allowed',
        );
        throw new AppError('auth.forbidden');
      }
      ctx.state.staff = { id: subject.id, username: subject.username, role: subject.role };
      ctx.state.log = ctx.state.log.child({ staffId: subject.id });
      await next();
    };
  }

  return { requireAccount, requireStaff };
}

export type SessionGuard = ReturnType<typeof createSessionGuard>;
