import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../http/context';

/**
 * The browser secret of scan login: an HttpOnly cookie sent only to the scan-ticket
 * routes and only by same-site requests (SameSite=Strict), so another site can neither
 * read it nor make the browser use it. One secret serves every ticket of the browser,
 * so a refreshed code or a second tab works too.
 */
export const scanBrowserCookie = { name: 'ucz_scan', path: '/api/wechat/scan-tickets' } as const;

const secretPattern = /^[A-Za-z0-9_-]{43}$/u;

/** Returns the browser's scan secret, if it sent a well-formed one. */
export function scanSecretOf(ctx: AppContext): string | undefined {
  const value = ctx.cookies.get(scanBrowserCookie.name);
  return value && secretPattern.test(value) ? value : undefined;
}

/** Returns the browser's scan secret, setting a new cookie when it has none. */
export function ensureScanSecret(ctx: AppContext, secure: boolean): string {
  const existing = scanSecretOf(ctx);
  if (existing) return existing;
  const secret = randomBytes(32).toString('base64url');
  // Koa throws on Secure cookies over a plain-HTTP socket unless the connection is marked secure.
  ctx.cookies.secure = secure;
  ctx.cookies.set(scanBrowserCookie.name, secret, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: scanBrowserCookie.path,
    overwrite: true,
    signed: false,
  });
  return secret;
}
