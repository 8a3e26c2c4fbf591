import { storageKeys } from '@/platform/storage';
import { selfView } from './accounts';
import type { FakeRoutes } from './fake-api';

export const scanTicketId = 'T'.repeat(32);
export const bindTicket = 'bind-ticket-0123456789';

export const bearerSession = {
  tokenTransport: 'bearer' as const,
  accessToken: 'wechat-access-token',
  accessTokenExpiresAt: '2026-01-05T02:15:00.000Z',
  refreshToken: 'wechat-refresh-token',
  refreshTokenExpiresAt: '2026-01-19T02:00:00.000Z',
};

export const boundAccount = {
  username: 'hk.alice',
  name: '陈爱丽',
  companyName: '港信科技有限公司',
};

export function scanTicketView(state: 'waiting' | 'scanned' | 'confirmed' | 'cancelled') {
  return { ticketId: scanTicketId, state, expiresAt: '2026-01-05T02:02:00.000Z' };
}

/** Picks the simulated WeChat user, as the tester does once on the website. */
export function pickSimulatedUser(openid = 'sim-user-a'): void {
  localStorage.setItem(storageKeys.simulatedOpenid, JSON.stringify({ data: openid }));
}

/** The simulator's wx.login stand-in: every call returns a new code. */
export function loginCodeRoute(): FakeRoutes {
  let issued = 0;
  return {
    'POST /simulator/wechat/login-code': () => {
      issued += 1;
      return { body: { appid: 'wx-sim', code: `code-${issued}` } };
    },
  };
}

/** A WeChat login of a user bound to hk.alice. */
export const boundLogin = { body: { bound: true, session: bearerSession, account: selfView() } };
