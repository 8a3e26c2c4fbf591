import { csrfCookieNames, csrfHeaderName } from '@ucz/shared';
import type { SessionSubject } from '@ucz/shared';
import type { SessionTransport } from './session-transport.types';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Returns the value of the cookie `name` visible to scripts, if set. */
function readCookie(name: string): string | undefined {
  for (const entry of document.cookie.split(';')) {
    const separator = entry.indexOf('=');
    if (separator < 0) continue;
    if (entry.slice(0, separator).trim() === name)
      return decodeURIComponent(entry.slice(separator + 1).trim());
  }
  return undefined;
}

/**
 * The website's sessions: the server sets the tokens in HttpOnly cookies that the
 * browser sends by itself, and unsafe requests repeat the CSRF cookie in X-CSRF-Token.
 */
export const sessionTransport: SessionTransport = {
  kind: 'cookie',
  authHeaders(subject: SessionSubject, method: string): Record<string, string> {
    if (safeMethods.has(method.toUpperCase())) return {};
    const token = readCookie(csrfCookieNames[subject]);
    return token ? { [csrfHeaderName]: token } : {};
  },
  refreshBody: () => ({}),
  // The server writes and clears the cookies; scripts cannot touch the HttpOnly ones.
  store: () => undefined,
  clear: () => undefined,
};
