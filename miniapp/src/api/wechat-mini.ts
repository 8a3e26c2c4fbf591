import type {
  BindCodeResponse,
  BindingView,
  BindResponse,
  ScanResponse,
  ScanTicketView,
  SessionView,
  WechatLoginResponse,
} from '@ucz/shared';
import { readStored, removeStored, storageKeys, writeStored } from '@/platform/storage';
import { apiRequest } from './http';

/** What 获取验证码 and 绑定 on 微信绑定账号 send. */
export interface BindCredentials {
  bindTicket: string;
  username: string;
  password: string;
  contact: string;
}

function rememberWechatSession(session: SessionView | undefined): void {
  if (session?.accessToken) writeStored(storageKeys.wechatAccessToken, session.accessToken);
}

function bearerHeaders(): Record<string, string> {
  const token = readStored(storageKeys.wechatAccessToken);
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/**
 * Calls of the mini-program pages as the WeChat user: WeChat login, scan login (扫码登录),
 * 微信绑定账号 and 个人信息. Sessions that WeChat logins start are bearer sessions on
 * both platforms, so their access token is kept apart from the website's cookie session.
 * Each page starts with a fresh wx.login code, so these calls never refresh a session.
 */
export function createMiniWechatApi(failure: string) {
  const call = <T>(method: 'GET' | 'POST', path: string, body?: unknown) =>
    apiRequest<T>({ method, path, body, fallbackMessage: failure });
  // The scan and cancel routes reject any stale bearer token they get, so only calls
  // that need the WeChat session send it.
  const inSession = <T>(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) =>
    apiRequest<T>({ method, path, body, headers: bearerHeaders(), fallbackMessage: failure });
  const ticketPath = (ticketId: string, action: string) =>
    `/api/wechat/scan-tickets/${encodeURIComponent(ticketId)}/${action}`;

  return {
    async login(code: string) {
      const result = await call<WechatLoginResponse>('POST', '/api/wechat/login', { code });
      if (result.bound) rememberWechatSession(result.session);
      return result;
    },

    /** Scans the ticket with a fresh login code, which also logs a bound user in. */
    async scan(ticketId: string, code: string) {
      const result = await call<ScanResponse>('POST', ticketPath(ticketId, 'scan'), { code });
      if (result.bound) rememberWechatSession(result.session);
      return result;
    },

    confirm: (ticketId: string) =>
      inSession<{ ticket: ScanTicketView }>('POST', ticketPath(ticketId, 'confirm'), {}),

    /** Cancels the website login. An unbound user proves who they are with the bind ticket. */
    cancel: (ticketId: string, bindTicket?: string) =>
      bindTicket
        ? call<{ ticket: ScanTicketView }>('POST', ticketPath(ticketId, 'cancel'), { bindTicket })
        : inSession<{ ticket: ScanTicketView }>('POST', ticketPath(ticketId, 'cancel'), {}),

    requestBindCode: (credentials: BindCredentials) =>
      call<BindCodeResponse>('POST', '/api/wechat/bind/code', credentials),

    async bind(credentials: BindCredentials & { code: string; scanTicketId?: string }) {
      const result = await call<BindResponse>('POST', '/api/wechat/bind', credentials);
      rememberWechatSession(result.session);
      return result;
    },

    binding: () => inSession<BindingView>('GET', '/api/wechat/binding'),

    async unbind() {
      await inSession<unknown>('DELETE', '/api/wechat/binding');
      removeStored(storageKeys.wechatAccessToken);
    },

    /**
     * Tells whether the server runs in simulator mode: its login-code route exists there,
     * while elsewhere the route is missing (404). The probe requests a code for the
     * simulated user picked earlier, so it succeeds once a user is picked; before that the
     * route rejects the empty body (400), which also means simulator mode.
     */
    async simulatorAvailable(): Promise<boolean> {
      const openid = readStored(storageKeys.simulatedOpenid);
      try {
        await apiRequest<unknown>({
          method: 'POST',
          path: '/simulator/wechat/login-code',
          body: openid ? { openid } : {},
          fallbackMessage: failure,
        });
        return true;
      } catch (error) {
        return error instanceof Error && 'status' in error && error.status === 400;
      }
    },
  };
}

export type MiniWechatApi = ReturnType<typeof createMiniWechatApi>;
