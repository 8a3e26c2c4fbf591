import { useCallback, useEffect, useState } from 'react';
import type { SelfView } from '@ucz/shared';
import type { AuthApi } from '@/api/auth';
import { isSessionEnded } from '@/api/session';
import { rememberAccountName } from '@/ui/account-name';

export type AccountState =
  | { status: 'loading' }
  | { status: 'ready'; account: SelfView }
  | { status: 'ended' }
  | { status: 'failed'; message: string };

/**
 * Loads the logged-in account (GET /api/auth/me). `ended` means there is no live session,
 * so the page offers the login instead. `handleError` switches to `ended` when a later
 * call finds the session gone.
 */
/** Loads the account, or the reason why there is none. */
async function accountState(api: AuthApi): Promise<AccountState> {
  try {
    const { account } = await api.me();
    rememberAccountName(account.username);
    return { status: 'ready', account };
  } catch (error) {
    if (!isSessionEnded(error))
      return { status: 'failed', message: error instanceof Error ? error.message : String(error) };
    rememberAccountName(undefined);
    return { status: 'ended' };
  }
}

export function useAccount(api: AuthApi) {
  const [state, setState] = useState<AccountState>({ status: 'loading' });

  useEffect(() => {
    let cancelled = false;
    void accountState(api).then((next) => {
      if (!cancelled) setState(next);
    });
    return () => {
      cancelled = true;
    };
  }, [api]);

  const reload = useCallback(() => {
    setState({ status: 'loading' });
    void accountState(api).then(setState);
  }, [api]);

  /** Passes a failed call on: an ended session switches the page to the login prompt. */
  const handleError = useCallback((error: unknown) => {
    if (!isSessionEnded(error)) return;
    rememberAccountName(undefined);
    setState({ status: 'ended' });
  }, []);

  return { state, reload, handleError };
}
