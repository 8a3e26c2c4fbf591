import { useSyncExternalStore } from 'react';
import { readStored, removeStored, storageKeys, writeStored } from '@/platform/storage';

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Stores the logged-in account's name for the header, or removes it (undefined) after
 * logout or when the session has ended. The name is not a credential, because the
 * session lives in HttpOnly cookies.
 */
export function rememberAccountName(name: string | undefined): void {
  if (name) writeStored(storageKeys.accountName, name);
  else removeStored(storageKeys.accountName);
  for (const listener of listeners) listener();
}

/** Returns the stored account name and re-renders the component when it changes. */
export function useAccountName(): string | undefined {
  return useSyncExternalStore(subscribe, () => readStored(storageKeys.accountName));
}
