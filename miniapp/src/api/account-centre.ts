import type { AccountNotifications, OwnApplications } from '@ucz/shared';
import type { SubscribeResults } from '@/platform/subscribe.types';
import { readStored, storageKeys } from '@/platform/storage';
import { apiRequest } from './http';
import { isSessionEnded, sessionRequest } from './session';

/** Template ids of the subscribe messages the server sends; an unconfigured one is absent. */
export interface SubscribeTemplates {
  reviewResult?: string;
  securityNotice?: string;
}

export interface RecordedGrant {
  templateId: string;
  result: string;
  counted: boolean;
  grantsLeft: number;
}

/** Notifications per page of 消息通知. */
export const notificationsPageSize = 20;

/**
 * Calls of 我的申请, 消息通知 and the subscribe-message report. They run in the account
 * session, and when there is none, in the session of the mini-program's WeChat login
 * (个人信息), so a WeChat user who never logged in with a password gets their lists too.
 */
export function createAccountCentreApi(failure: string) {
  async function inSession<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    try {
      return await sessionRequest<T>('account', { method, path, body }, failure);
    } catch (error) {
      const wechatToken = readStored(storageKeys.wechatAccessToken);
      if (!isSessionEnded(error) || !wechatToken) throw error;
      return apiRequest<T>({
        method,
        path,
        body,
        headers: { Authorization: `Bearer ${wechatToken}` },
        fallbackMessage: failure,
      });
    }
  }

  return {
    applications: () => inSession<OwnApplications>('GET', '/api/account/applications'),

    notifications: (cursor?: string) => {
      const query = new URLSearchParams({ limit: String(notificationsPageSize) });
      if (cursor) query.set('cursor', cursor);
      return inSession<AccountNotifications>('GET', `/api/account/notifications?${query}`);
    },

    subscribeTemplates: () =>
      apiRequest<SubscribeTemplates>({
        method: 'GET',
        path: '/api/wechat/subscriptions/templates',
        fallbackMessage: failure,
      }),

    /** Reports what the user chose in the subscribe dialog; the same reportId counts once. */
    reportSubscribeResults: (results: SubscribeResults, reportId: string) =>
      inSession<{ results: RecordedGrant[] }>('POST', '/api/wechat/subscriptions', {
        reportId,
        results,
      }),
  };
}

export type AccountCentreApi = ReturnType<typeof createAccountCentreApi>;
