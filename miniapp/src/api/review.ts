import type {
  ApprovalResult,
  RejectionResult,
  ReviewApplicationDetail,
  ReviewFile,
  ReviewQueue,
  StaffLoginResponse,
  StaffMeResponse,
} from '@ucz/shared';
import { platformFiles } from '@/platform/files';
import { apiRequest, apiUrl, baseHeaders } from './http';
import {
  forgetSession,
  logoutBody,
  refreshSession,
  sessionHeaders,
  sessionRequest,
  startSession,
  tokenTransport,
} from './session';
import type { SessionRequest } from './session';

/** Calls of the reviewer console: staff login, the queue, one application, the decisions. */
export function createReviewApi(failure: string) {
  const call = <T>(method: SessionRequest['method'], path: string, body?: unknown) =>
    sessionRequest<T>('staff', { method, path, body }, failure);
  const application = (id: string) => `/api/review/applications/${encodeURIComponent(id)}`;

  return {
    async login(username: string, password: string) {
      const result = await apiRequest<StaffLoginResponse>({
        method: 'POST',
        path: '/api/review/login',
        body: { username, password, tokenTransport },
        fallbackMessage: failure,
      });
      startSession('staff', result.session);
      return result;
    },
    me: () => call<StaffMeResponse>('GET', '/api/review/me'),
    async logout() {
      try {
        await call<unknown>('POST', '/api/review/logout', logoutBody('staff'));
      } finally {
        forgetSession('staff');
      }
    },

    /** Open applications, earliest deadline first. */
    queue: (limit = 100) => call<ReviewQueue>('GET', `/api/review/applications?limit=${limit}`),
    application: (id: string) => call<ReviewApplicationDetail>('GET', application(id)),
    approve: (id: string) => call<ApprovalResult>('POST', `${application(id)}/approve`),
    reject: (id: string, reason: string) =>
      call<RejectionResult>('POST', `${application(id)}/reject`, { reason }),

    /**
     * Shows a document for viewing (预览). A failed request refreshes the session once and
     * tries again, since an expired access token is the usual cause.
     */
    previewDocument: (file: ReviewFile) =>
      platformFiles.previewRemoteFile({
        url: apiUrl(`${file.downloadPath}?disposition=inline`),
        headers: () => baseHeaders(sessionHeaders('staff', 'GET')),
        filename: file.filename,
        retry: () => refreshSession('staff', failure),
      }),

    /**
     * Opens a document for saving (下载). A failed download refreshes the session once and
     * tries again, since an expired access token is the usual cause.
     */
    async openDocument(file: ReviewFile) {
      const open = () =>
        platformFiles.openRemoteFile(
          apiUrl(file.downloadPath),
          baseHeaders(sessionHeaders('staff', 'GET')),
          file.filename,
        );
      try {
        await open();
      } catch (error) {
        if (!(await refreshSession('staff', failure))) throw error;
        await open();
      }
    },
  };
}

export type ReviewApi = ReturnType<typeof createReviewApi>;
