import type { SessionSubject, SessionView, TokenTransport } from '@ucz/shared';

/**
 * Session handling of one platform, implemented by session-transport.h5.ts and
 * session-transport.weapp.ts. Taro picks the file of the platform it builds for, while
 * TypeScript and Jest check and run the website's.
 */
export interface SessionTransport {
  /** `cookie` on the website (HttpOnly cookies and a CSRF token), `bearer` in the mini-program. */
  readonly kind: TokenTransport;
  /** Headers that authenticate a request with `method` in the session of `subject`. */
  authHeaders(subject: SessionSubject, method: string): Record<string, string>;
  /** Body fields of a refresh or logout request. */
  refreshBody(subject: SessionSubject): { refreshToken?: string };
  /** Keeps what a login or refresh response returned. */
  store(subject: SessionSubject, session: SessionView): void;
  /** Forgets the session after logout or when the server has ended it. */
  clear(subject: SessionSubject): void;
}
