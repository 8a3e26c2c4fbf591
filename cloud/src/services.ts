import type { AppDeps } from './app';

/**
 * The composition root: builds every service from the injected dependencies. Each
 * module contributes one factory call here; routes receive the finished services.
 */
export function createServices(deps: AppDeps) {
  const { config, logger, db, clock } = deps;
  void config;
  void logger;
  void db;
  void clock;
  return {};
}

export type Services = ReturnType<typeof createServices>;
