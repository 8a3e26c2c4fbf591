import { useCallback, useEffect, useState } from 'react';
import { isSessionEnded } from '@/api/session';

/** State of data a page loads: `ended` means there is no live session to load it with. */
export type Loaded<T> =
  | { status: 'loading' }
  | { status: 'ready'; data: T }
  | { status: 'ended' }
  | { status: 'failed'; message: string };

async function loadedState<T>(load: () => Promise<T>): Promise<Loaded<T>> {
  try {
    return { status: 'ready', data: await load() };
  } catch (error) {
    if (isSessionEnded(error)) return { status: 'ended' };
    return { status: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
}

/** Loads data on mount, when `load` changes and on `reload`, keeping the outcome as a Loaded state. */
export function useLoaded<T>(load: () => Promise<T>) {
  const [state, setState] = useState<Loaded<T>>({ status: 'loading' });

  useEffect(() => {
    let active = true;
    void loadedState(load).then((next) => {
      if (active) setState(next);
    });
    return () => {
      active = false;
    };
  }, [load]);

  const reload = useCallback(() => {
    setState({ status: 'loading' });
    void loadedState(load).then(setState);
  }, [load]);

  return { state, setState, reload };
}
