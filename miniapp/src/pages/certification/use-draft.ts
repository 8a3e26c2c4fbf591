import { useCallback, useEffect, useState } from 'react';
import type { AgreementResponse, DraftView, SubmitResponse } from '@ucz/shared';
import { ApiError } from '@/api/http';
import type { CertificationApi } from '@/api/certification';
import { readStored, removeStored, storageKeys, writeStored } from '@/platform/storage';
import { clearUnsavedAccount } from './unsaved-account';

export type WizardStep = 0 | 1 | 2 | 3;

export type DraftState =
  | { phase: 'loading' }
  | { phase: 'failed'; message: string }
  | { phase: 'agreement'; agreement: AgreementResponse }
  | {
      phase: 'wizard';
      token: string;
      draft: DraftView;
      step: WizardStep;
      submitted?: SubmitResponse;
    };

/** Returns the first step that still needs the applicant. A reopened application starts at ①. */
export function firstOpenStep(draft: DraftView): WizardStep {
  if (draft.status === 'submitted') return 3;
  if (draft.application?.status === 'rejected') return 0;
  if (!draft.steps.company) return 0;
  if (!draft.steps.documents) return 1;
  return 2;
}

function failed(error: unknown): DraftState {
  return { phase: 'failed', message: error instanceof Error ? error.message : String(error) };
}

async function agreementState(api: CertificationApi): Promise<DraftState> {
  try {
    return { phase: 'agreement', agreement: await api.agreement() };
  } catch (error) {
    return failed(error);
  }
}

/** Loads the stored draft where the applicant left it, or the agreement when there is none. */
async function initialState(api: CertificationApi): Promise<DraftState> {
  const token = readStored(storageKeys.draftToken);
  if (!token) return agreementState(api);
  try {
    const draft = await api.loadDraft(token);
    return { phase: 'wizard', token, draft, step: firstOpenStep(draft) };
  } catch (error) {
    if (error instanceof ApiError && error.code === 'draft.not_found') {
      removeStored(storageKeys.draftToken);
      clearUnsavedAccount();
      return agreementState(api);
    }
    return failed(error);
  }
}

/**
 * Keeps the certification draft of this browser or mini-program. Its token is kept in
 * storage, so a reload resumes where the applicant stopped. Without a usable token the
 * agreement comes first.
 */
export function useDraft(api: CertificationApi) {
  const [state, setState] = useState<DraftState>({ phase: 'loading' });

  useEffect(() => {
    let cancelled = false;
    void initialState(api).then((next) => {
      if (!cancelled) setState(next);
    });
    return () => {
      cancelled = true;
    };
  }, [api]);

  const reload = useCallback(() => {
    setState({ phase: 'loading' });
    void initialState(api).then(setState);
  }, [api]);

  /** Accepts the agreement shown and starts a new draft. */
  const accept = useCallback(
    async (agreementVersion: string) => {
      const created = await api.createDraft(agreementVersion);
      writeStored(storageKeys.draftToken, created.draftToken);
      setState({ phase: 'wizard', token: created.draftToken, draft: created.draft, step: 0 });
    },
    [api],
  );

  const updateDraft = useCallback((draft: DraftView, step?: WizardStep) => {
    setState((current) =>
      current.phase === 'wizard' ? { ...current, draft, step: step ?? current.step } : current,
    );
  }, []);

  const goTo = useCallback((step: WizardStep) => {
    setState((current) => (current.phase === 'wizard' ? { ...current, step } : current));
  }, []);

  /** Shows 申请成功; the next visit starts a new application, and the query finds this one. */
  const submitted = useCallback((result: SubmitResponse) => {
    removeStored(storageKeys.draftToken);
    clearUnsavedAccount();
    setState((current) =>
      current.phase === 'wizard' ? { ...current, step: 3, submitted: result } : current,
    );
  }, []);

  return { state, reload, accept, updateDraft, goTo, submitted };
}
