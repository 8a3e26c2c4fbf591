import type { SessionSubject, SessionView } from '@ucz/shared';
import { sessionTransport } from '@/platform/session-transport';
import { ApiError, apiRequest } from './http';
import type { ApiRequest } from './http';

const refreshPaths: Record<SessionSubject, string> = {
  account: '/api/auth/refresh',
  staff: '/api/review/refresh',
};

/** The refresh in flight per subject, shared by every caller so that only one runs at a time. */
const refreshing: Partial<Record<SessionSubject, Promise<boolean>>> = {};

/** Counts finished refreshes per subject, so a request that failed before one finished just retries. */
const refreshCount: Record<SessionSubject, number> = { account: 0, staff: 0 };

/** Tells whether a failed call means that there is no live session (never logged in, or ended). */
export function isSessionEnded(error: unknown): boolean {
  return error instanceof ApiError && error.code === 'auth.unauthenticated';
}

async function runRefresh(subject: SessionSubject, fallbackMessage: string): Promise<boolean> {
  try {
    const result = await apiRequest<{ session: SessionView }>({
      method: 'POST',
      path: refreshPaths[subject],
      body: sessionTransport.refreshBody(subject),
      headers: sessionTransport.authHeaders(subject, 'POST'),
      fallbackMessage,
    });
    sessionTransport.store(subject, result.session);
    return true;
  } catch (error) {
    // After a network failure the session's state is unknown, so the caller reports the failure.
    if (!(error instanceof ApiError) || error.code === 'network' || error.status >= 500)
      throw error;
    sessionTransport.clear(subject);
    return false;
  } finally {
    refreshCount[subject] += 1;
  }
}

/**
 * Exchanges the refresh token for new tokens. Concurrent callers share one request,
 * because each refresh token works once and a second use would end the session.
 * Resolves to false when the session has ended.
 */
export function refreshSession(subject: SessionSubject, fallbackMessage: string): Promise<boolean> {
  const current = refreshing[subject];
  if (current) return current;
  const started = runRefresh(subject, fallbackMessage).finally(() => {
    delete refreshing[subject];
  });
  refreshing[subject] = started;
  return started;
}

export type SessionRequest = Omit<ApiRequest, 'fallbackMessage' | 'headers'>;

/**
 * Calls the API within the session of `subject`: adds the session's headers (the CSRF
 * token on the website), and after a 401 refreshes the session once and repeats the
 * call. Throws the 401's ApiError when the session has ended (see isSessionEnded).
 */
export async function sessionRequest<T>(
  subject: SessionSubject,
  request: SessionRequest,
  fallbackMessage: string,
): Promise<T> {
  const send = () =>
    apiRequest<T>({
      ...request,
      headers: sessionTransport.authHeaders(subject, request.method),
      fallbackMessage,
    });
  const refreshesBefore = refreshCount[subject];
  try {
    return await send();
  } catch (error) {
    if (!isSessionEnded(error)) throw error;
    const refreshedMeanwhile = refreshCount[subject] !== refreshesBefore && !refreshing[subject];
    if (!refreshedMeanwhile && !(await refreshSession(subject, fallbackMessage))) throw error;
    return send();
  }
}

/** Keeps the tokens of a session a login just started (bearer transport; cookies need nothing). */
export function startSession(subject: SessionSubject, session: SessionView): void {
  sessionTransport.store(subject, session);
}

/** Forgets the session on this device after logout. */
export function forgetSession(subject: SessionSubject): void {
  sessionTransport.clear(subject);
}

/** Body fields a logout sends: the refresh token with bearer transport, nothing with cookies. */
export function logoutBody(subject: SessionSubject): { refreshToken?: string } {
  return sessionTransport.refreshBody(subject);
}

/** Headers that authenticate a request made outside sessionRequest, such as a download. */
export function sessionHeaders(subject: SessionSubject, method: string): Record<string, string> {
  return sessionTransport.authHeaders(subject, method);
}

/** The token transport this platform requests at login. */
export const tokenTransport = sessionTransport.kind;
