import type { SessionView } from '@ucz/shared';
import { AppError } from '../../http/app-error';
import type { AppContext } from '../../http/context';
import { requestMetaOf } from '../audit/audit.service';
import type { AuditLog } from '../audit/audit.service';
import type { SubjectType } from './access-token';
import { clearSessionCookies, deliverSession, sessionCookieNames } from './session-cookies';
import type { CookieSecurity } from './session-cookies';
import { assertCsrf, bearerTokenOf } from './session-guard';
import type { SessionService } from './session.service';

export interface SessionHandlerDeps {
  sessions: SessionService;
  cookieSecurity: CookieSecurity;
  audit: AuditLog;
}

/**
 * Creates the refresh and logout handlers shared by account and staff sessions. A cookie session
 * sends its refresh token in the refresh cookie and must add X-CSRF-Token; a bearer
 * session sends the refresh token in the body.
 */
export function createSessionHandlers(deps: SessionHandlerDeps, subjectType: SubjectType) {
  const { sessions, cookieSecurity, audit } = deps;
  const names = sessionCookieNames[subjectType];

  async function refresh(
    ctx: AppContext,
    bodyToken: string | undefined,
  ): Promise<{ session: SessionView }> {
    const secure = cookieSecurity(ctx);
    const cookieToken = bodyToken ? undefined : ctx.cookies.get(names.refresh);
    const token = bodyToken ?? cookieToken;
    if (!token) throw new AppError('auth.unauthenticated');

    if (cookieToken) {
      const session = await sessions.sessionOfRefreshToken(cookieToken);
      // An unknown or used token gets no CSRF check: refresh() rejects it and ends a reused token's session.
      if (session) assertCsrf(ctx, subjectType, session.csrfTokenHash ?? undefined);
    }
    try {
      const issued = await sessions.refresh(token, subjectType, requestMetaOf(ctx));
      return { session: deliverSession(ctx, names, issued, secure) };
    } catch (error) {
      if (cookieToken) clearSessionCookies(ctx, names, secure);
      throw error;
    }
  }

  /** Finds the session the request names by its access token, else by its refresh token. */
  async function findSession(ctx: AppContext, bodyToken: string | undefined) {
    const header = ctx.get('authorization');
    const bearer = header ? bearerTokenOf(header) : undefined;
    const accessCookie = header ? undefined : ctx.cookies.get(names.access);
    const accessToken = bearer ?? accessCookie;
    if (accessToken) {
      const authenticated = await sessions.authenticate(accessToken, subjectType);
      if (authenticated) {
        return {
          sessionId: authenticated.claims.familyId,
          subjectId: authenticated.claims.subjectId,
          companyId:
            authenticated.subject.subjectType === 'account'
              ? authenticated.subject.companyId
              : undefined,
          csrfTokenHash: authenticated.csrfTokenHash,
          viaCookie: Boolean(accessCookie),
        };
      }
    }
    const refreshCookie = bodyToken ? undefined : ctx.cookies.get(names.refresh);
    const refreshToken = bodyToken ?? refreshCookie;
    const session = refreshToken ? await sessions.sessionOfRefreshToken(refreshToken) : undefined;
    if (!session || session.subjectType !== subjectType) return undefined;
    return {
      sessionId: session._id,
      subjectId: session.subjectId.toString(),
      companyId: undefined,
      csrfTokenHash: session.csrfTokenHash ?? undefined,
      viaCookie: Boolean(refreshCookie),
    };
  }

  /**
   * Ends the request's session (or, with `everywhere`, every session of its subject) and
   * clears the session cookies. A request without a live session succeeds too.
   */
  async function logout(
    ctx: AppContext,
    input: { refreshToken?: string; everywhere: boolean },
  ): Promise<void> {
    const secure = cookieSecurity(ctx);
    const found = await findSession(ctx, input.refreshToken);
    if (found) {
      if (found.viaCookie) assertCsrf(ctx, subjectType, found.csrfTokenHash);
      if (input.everywhere)
        await sessions.endAllFor(subjectType, found.subjectId, 'logout_everywhere');
      else await sessions.end(found.sessionId, 'logout');
      await audit.record({
        action: 'auth.logout',
        actor: { type: subjectType, id: found.subjectId },
        companyId: found.companyId,
        request: requestMetaOf(ctx),
        details: { everywhere: input.everywhere },
      });
    }
    if (ctx.cookies.get(names.access) || ctx.cookies.get(names.refresh))
      clearSessionCookies(ctx, names, secure);
    ctx.set('Cache-Control', 'no-store');
  }

  return { refresh, logout };
}
