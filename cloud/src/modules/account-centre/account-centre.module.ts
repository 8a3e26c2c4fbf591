import type { Connection } from 'mongoose';
import type { ApiRouter } from '../../http/api-router';
import type { SessionGuard } from '../auth/session-guard';
import { registerAccountCentreRoutes } from './account-centre.routes';
import { createAccountNotificationsService } from './account-notifications.service';
import { createOwnApplicationsService } from './own-applications.service';

/** Builds the services of the account centre's own lists. */
export function createAccountCentreServices(deps: { db: Connection }) {
  const applications = createOwnApplicationsService({ db: deps.db });
  return {
    applications,
    notifications: createAccountNotificationsService({ db: deps.db, applications }),
  };
}

export type AccountCentreServices = ReturnType<typeof createAccountCentreServices>;

/** Registers the routes of the account centre's lists behind the account session guard. */
export function registerAccountCentreModuleRoutes(
  api: ApiRouter,
  services: AccountCentreServices,
  guard: SessionGuard,
): void {
  registerAccountCentreRoutes(api, services, guard.requireAccount());
}
