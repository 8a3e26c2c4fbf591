import type { AppDeps } from './app';
import type { ApiRouter } from './http/api-router';
import type { Services } from './services';

/** Registers the routes of every module. */
export function registerRoutes(api: ApiRouter, services: Services, deps: AppDeps): void {
  void api;
  void services;
  void deps;
}
