import type { Logger } from '../logger';

export interface PeriodicTask {
  name: string;
  stop(): Promise<void>;
}

/**
 * Runs `task` every `intervalMs` (the first run after one interval), one run at a time.
 * A failed run is logged and the next one happens on schedule.
 */
export function startPeriodicTask(
  name: string,
  intervalMs: number,
  task: () => Promise<unknown>,
  logger: Logger,
): PeriodicTask {
  let running: Promise<void> | undefined;
  let stopped = false;
  const log = logger.child({ task: name });

  const timer = setInterval(() => {
    if (running || stopped) return;
    running = task()
      .then(() => undefined)
      .catch((error: unknown) =>
        log.error({ err: error }, 'periodic task failed; it runs again next interval'),
      )
      .finally(() => {
        running = undefined;
      });
  }, intervalMs);
  timer.unref();
  log.info({ intervalMs }, 'periodic task started');

  return {
    name,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
      log.info('periodic task stopped');
    },
  };
}
