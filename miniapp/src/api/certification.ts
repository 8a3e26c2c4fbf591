import type {
  AccountStepRequest,
  AgreementResponse,
  AttachedFileView,
  CompanyLookupResponse,
  CompanyStepRequest,
  CreateDraftResponse,
  DocumentKind,
  DocumentsStepRequest,
  DraftView,
  EmailCodeResponse,
  ProgressResponse,
  SubmitRequest,
  SubmitResponse,
} from '@ucz/shared';
import { platformFiles } from '@/platform/files';
import type { PickedFile } from '@/platform/files.types';
import { apiRequest, apiUrl, baseHeaders, errorFromResponse } from './http';

/**
 * Calls of the certification API (用户认证 and 用户认证查询). `failure` is the message shown
 * when the server gives no error body, already in the user's language.
 */
export function createCertificationApi(failure: string) {
  const call = <T>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => apiRequest<T>({ method, path, body, headers, fallbackMessage: failure });
  const draftHeader = (draftToken: string) => ({ 'X-Draft-Token': draftToken });
  const base = '/api/certification';

  return {
    agreement: () => call<AgreementResponse>('GET', `${base}/agreement`),
    createDraft: (agreementVersion: string) =>
      call<CreateDraftResponse>('POST', `${base}/drafts`, { agreementVersion, accepted: true }),
    loadDraft: (draftToken: string) =>
      call<DraftView>('GET', `${base}/drafts/current`, undefined, draftHeader(draftToken)),
    lookupCompany: (fullName: string) =>
      call<CompanyLookupResponse>(
        'GET',
        `${base}/companies/lookup?fullName=${encodeURIComponent(fullName)}`,
      ),
    saveCompany: (draftToken: string, body: CompanyStepRequest) =>
      call<DraftView>('PUT', `${base}/drafts/current/company`, body, draftHeader(draftToken)),
    saveDocuments: (draftToken: string, body: DocumentsStepRequest) =>
      call<DraftView>('PUT', `${base}/drafts/current/documents`, body, draftHeader(draftToken)),
    removeFile: (draftToken: string, fileId: string) =>
      call<DraftView>(
        'DELETE',
        `${base}/drafts/current/files/${fileId}`,
        undefined,
        draftHeader(draftToken),
      ),
    saveAccount: (draftToken: string, body: AccountStepRequest) =>
      call<DraftView>('PUT', `${base}/drafts/current/account`, body, draftHeader(draftToken)),
    sendEmailCode: (draftToken: string, email: string) =>
      call<EmailCodeResponse>(
        'POST',
        `${base}/drafts/current/email-code`,
        { email },
        draftHeader(draftToken),
      ),
    submit: (draftToken: string, body: SubmitRequest) =>
      call<SubmitResponse>('POST', `${base}/drafts/current/submit`, body, draftHeader(draftToken)),

    /** Uploads one document of `kind`; progress goes to `onProgress` (0 to 100). */
    async uploadFile(
      draftToken: string,
      kind: DocumentKind,
      file: PickedFile,
      onProgress: (percent: number) => void,
    ) {
      let response;
      try {
        response = await platformFiles.uploadDocument({
          url: apiUrl(`${base}/drafts/current/files?kind=${kind}`),
          headers: baseHeaders(draftHeader(draftToken)),
          file,
          onProgress,
        });
      } catch {
        throw errorFromResponse(0, undefined, failure);
      }
      if (response.status === 201)
        return response.body as { file: AttachedFileView; draft: DraftView };
      throw errorFromResponse(response.status, response.body, failure);
    },
    /** Shows an uploaded document of the draft (预览) for viewing. */
    previewFile: (draftToken: string, file: AttachedFileView) =>
      platformFiles.previewRemoteFile({
        url: apiUrl(`${base}/drafts/current/files/${file.id}?disposition=inline`),
        headers: () => baseHeaders(draftHeader(draftToken)),
        filename: file.filename,
      }),
    openAdminTemplate: () =>
      platformFiles.openRemoteFile(
        apiUrl(`${base}/templates/admin-authorisation`),
        baseHeaders(),
        '管理员账户授权书.docx',
      ),

    progressByPassword: (username: string, password: string) =>
      call<ProgressResponse>('POST', `${base}/progress/by-password`, { username, password }),
    sendProgressCode: (email: string) =>
      call<EmailCodeResponse>('POST', `${base}/progress/email-code`, { email }),
    progressByEmail: (email: string, code: string) =>
      call<ProgressResponse>('POST', `${base}/progress/by-email`, { email, code }),
    reopen: (applicationToken: string, applicationNumber: string, agreementVersion: string) =>
      call<CreateDraftResponse>(
        'POST',
        `${base}/applications/${encodeURIComponent(applicationNumber)}/reopen`,
        { agreementVersion, accepted: true },
        { 'X-Application-Token': applicationToken },
      ),
  };
}

export type CertificationApi = ReturnType<typeof createCertificationApi>;
