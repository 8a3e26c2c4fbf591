import type { BindingView, LoginResponse, ScanTicketCreated, ScanTicketView } from '@ucz/shared';
import { apiRequest } from './http';
import { sessionRequest, startSession } from './session';

/**
 * Calls of the website's WeChat scan login (微信登录) and of the account's WeChat binding
 * in the account centre. `failure` is the message shown when the server gives no error
 * body, already in the user's language.
 */
export function createWechatApi(failure: string) {
  const call = <T>(method: 'GET' | 'POST', path: string) =>
    apiRequest<T>({ method, path, fallbackMessage: failure });
  const inSession = <T>(method: 'GET' | 'DELETE', path: string) =>
    sessionRequest<T>('account', { method, path }, failure);

  return {
    /** Creates a scan ticket and its mini-program code. The server also sets the browser's scan cookie. */
    createScanTicket: () => call<ScanTicketCreated>('POST', '/api/wechat/scan-tickets'),

    /** Reads the ticket's state, for polling where EventSource is unavailable. */
    scanTicket: (ticketId: string) =>
      call<ScanTicketView>('GET', `/api/wechat/scan-tickets/${encodeURIComponent(ticketId)}`),

    /** Collects the session of a confirmed ticket. The server accepts this once per ticket. */
    async collectSession(ticketId: string) {
      const result = await call<LoginResponse>(
        'POST',
        `/api/wechat/scan-tickets/${encodeURIComponent(ticketId)}/session`,
      );
      startSession('account', result.session);
      return result;
    },

    binding: () => inSession<BindingView>('GET', '/api/wechat/binding'),
    unbind: () => inSession<unknown>('DELETE', '/api/wechat/binding'),
  };
}

export type WechatApi = ReturnType<typeof createWechatApi>;
