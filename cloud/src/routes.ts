import type { AppDeps } from './app';
import type { ApiRouter } from './http/api-router';
import { registerAccountCentreModuleRoutes } from './modules/account-centre/account-centre.module';
import { registerAccountsModuleRoutes } from './modules/accounts/accounts.module';
import { registerAuthModuleRoutes } from './modules/auth/auth.module';
import { registerCertificationRoutes } from './modules/certification/certification.routes';
import { registerReviewModuleRoutes } from './modules/review/review.module';
import { registerWechatRoutes } from './modules/wechat/wechat.module';
import type { Services } from './services';
import { registerSimulatorRoutes } from './simulator/simulator.routes';

/** Registers the routes of every module. */
export function registerRoutes(api: ApiRouter, services: Services, deps: AppDeps): void {
  void api;
  void services;
  void deps;
  registerAuthModuleRoutes(api, services.auth, deps.db);
  registerAccountsModuleRoutes(api, services.accounts, services.audit, services.auth.guard);
  registerAccountCentreModuleRoutes(api, services.accountCentre, services.auth.guard);
  registerReviewModuleRoutes(api, services.review);
  registerCertificationRoutes(api, services.certification, deps.config);
  registerWechatRoutes(api, services.wechat, services.wechatAccounts);
  // The simulator's viewer shows every code sent, so it exists only in simulator mode.
  if (deps.simulator) registerSimulatorRoutes(api, deps.simulator);
}
