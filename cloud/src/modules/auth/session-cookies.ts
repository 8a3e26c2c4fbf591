import { csrfCookieNames, csrfHeaderName } from '@ucz/shared';
import type { SessionView } from '@ucz/shared';
import type { AppContext } from '../../http/context';
import type { SubjectType } from './access-token';
import type { IssuedSession } from './session.service';

/** Cookie names and the path of the refresh cookie, per kind of session. */
export interface CookieNames {
  access: string;
  refresh: string;
  csrf: string;
  /** The refresh cookie goes only to the routes that refresh and log out. */
  refreshPath: string;
}

export const sessionCookieNames: Record<SubjectType, CookieNames> = {
  account: {
    access: 'ucz_at',
    refresh: 'ucz_rt',
    csrf: csrfCookieNames.account,
    refreshPath: '/api/auth',
  },
  staff: {
    access: 'ucz_staff_at',
    refresh: 'ucz_staff_rt',
    csrf: csrfCookieNames.staff,
    refreshPath: '/api/review',
  },
};

/** Request header that carries the CSRF token on unsafe requests of cookie sessions. */
export const csrfHeader = csrfHeaderName.toLowerCase();

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export function isUnsafeMethod(method: string): boolean {
  return !safeMethods.has(method.toUpperCase());
}

/**
 * Decides whether cookies get the Secure flag: the request came over TLS, a trusted
 * proxy reports that it did (`X-Forwarded-Proto: https`), or COOKIE_SECURE is set.
 */
export function createCookieSecurity(options: {
  alwaysSecure: boolean;
  trustedProxies: readonly string[];
}) {
  return (ctx: AppContext): boolean => {
    if (options.alwaysSecure || ctx.request.secure) return true;
    const peer = (ctx.req.socket.remoteAddress ?? '').replace(/^::ffff:/u, '');
    if (!options.trustedProxies.includes(peer)) return false;
    const forwardedProto = ctx.get('x-forwarded-proto').split(',')[0]?.trim().toLowerCase();
    return forwardedProto === 'https';
  };
}

export type CookieSecurity = ReturnType<typeof createCookieSecurity>;

/** Writes the session cookies: access and refresh tokens HttpOnly, the CSRF token readable by scripts. */
export function setSessionCookies(
  ctx: AppContext,
  names: CookieNames,
  session: IssuedSession,
  secure: boolean,
): void {
  // Koa throws on Secure cookies over a plain-HTTP socket unless the connection is marked secure (a TLS proxy).
  ctx.cookies.secure = secure;
  const base = { secure, sameSite: 'lax' as const, overwrite: true, signed: false };
  ctx.cookies.set(names.access, session.accessToken, {
    ...base,
    httpOnly: true,
    path: '/',
    expires: session.accessTokenExpiresAt,
  });
  ctx.cookies.set(names.refresh, session.refreshToken, {
    ...base,
    httpOnly: true,
    sameSite: 'strict',
    path: names.refreshPath,
    expires: session.refreshTokenExpiresAt,
  });
  if (session.csrfToken) {
    ctx.cookies.set(names.csrf, session.csrfToken, {
      ...base,
      httpOnly: false,
      path: '/',
      expires: session.refreshTokenExpiresAt,
    });
  } else {
    // Keep the CSRF cookie alive as long as the refresh token.
    const current = ctx.cookies.get(names.csrf);
    if (current) {
      ctx.cookies.set(names.csrf, current, {
        ...base,
        httpOnly: false,
        path: '/',
        expires: session.refreshTokenExpiresAt,
      });
    }
  }
}

export function clearSessionCookies(ctx: AppContext, names: CookieNames, secure: boolean): void {
  ctx.cookies.secure = secure;
  const base = { secure, sameSite: 'lax' as const, overwrite: true, expires: new Date(0) };
  ctx.cookies.set(names.access, '', { ...base, httpOnly: true, path: '/' });
  ctx.cookies.set(names.refresh, '', {
    ...base,
    httpOnly: true,
    sameSite: 'strict',
    path: names.refreshPath,
  });
  ctx.cookies.set(names.csrf, '', { ...base, httpOnly: false, path: '/' });
}

/** Builds the session view of a response body, with tokens only for bearer sessions. */
export function sessionViewOf(session: IssuedSession): SessionView {
  const bearer = session.transport === 'bearer';
  return {
    tokenTransport: session.transport,
    ...(bearer ? { accessToken: session.accessToken, refreshToken: session.refreshToken } : {}),
    accessTokenExpiresAt: session.accessTokenExpiresAt.toISOString(),
    refreshTokenExpiresAt: session.refreshTokenExpiresAt.toISOString(),
    ...(session.csrfToken ? { csrfToken: session.csrfToken } : {}),
  };
}

/**
 * Hands a new or refreshed session to the client: cookies for cookie sessions, and the
 * body view for both. Responses with tokens are never cached.
 */
export function deliverSession(
  ctx: AppContext,
  names: CookieNames,
  session: IssuedSession,
  secure: boolean,
): SessionView {
  if (session.transport === 'cookie') setSessionCookies(ctx, names, session, secure);
  ctx.set('Cache-Control', 'no-store');
  return sessionViewOf(session);
}
