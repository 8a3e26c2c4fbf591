import type {
  ActivateRequest,
  LoginCodeRequest,
  LoginCodeResponse,
  LoginResponse,
  SelfView,
  SessionView,
} from '@ucz/shared';
import { apiRequest } from './http';
import { forgetSession, logoutBody, sessionRequest, startSession, tokenTransport } from './session';

export interface PasswordResetCodeResponse {
  accepted: true;
  resendAfterSeconds: number;
  expiresInSeconds: number;
}

/**
 * Calls of account login (账号登录), the account's own session and password, password
 * reset and activation. `failure` is the message shown when the server gives no error
 * body, already in the user's language.
 */
export function createAuthApi(failure: string) {
  const call = <T>(method: 'GET' | 'POST', path: string, body?: unknown) =>
    apiRequest<T>({ method, path, body, fallbackMessage: failure });
  const inSession = <T>(method: 'GET' | 'POST', path: string, body?: unknown) =>
    sessionRequest<T>('account', { method, path, body }, failure);

  return {
    /** Step 1: checks the password and sends the one-time code. */
    requestLoginCode: (body: LoginCodeRequest) =>
      call<LoginCodeResponse>('POST', '/api/auth/login/code', body),

    /** Step 2: password and code start a session (cookies on the website). */
    async login(body: { challengeId?: string; username: string; password: string; code: string }) {
      const result = await call<LoginResponse>('POST', '/api/auth/login', {
        ...body,
        tokenTransport,
      });
      startSession('account', result.session);
      return result;
    },

    me: () => inSession<{ account: SelfView }>('GET', '/api/auth/me'),

    async changePassword(oldPassword: string, newPassword: string) {
      const result = await inSession<{ session: SessionView }>('POST', '/api/auth/password', {
        oldPassword,
        newPassword,
      });
      startSession('account', result.session);
      return result;
    },

    /** Ends this session, or with `everywhere` every session of the account. */
    async logout(everywhere = false) {
      try {
        await inSession<unknown>('POST', '/api/auth/logout', {
          ...logoutBody('account'),
          everywhere,
        });
      } finally {
        forgetSession('account');
      }
    },

    requestResetCode: (email: string) =>
      call<PasswordResetCodeResponse>('POST', '/api/auth/password-reset/code', { email }),
    resetPassword: (email: string, code: string, newPassword: string) =>
      call<unknown>('POST', '/api/auth/password-reset', { email, code, newPassword }),
    activate: (body: ActivateRequest) => call<unknown>('POST', '/api/auth/activate', body),
  };
}

export type AuthApi = ReturnType<typeof createAuthApi>;
