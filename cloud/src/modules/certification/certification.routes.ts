import type { Config } from '../../config';
import type { ApiRouter } from '../../http/api-router';
import type { CertificationServices } from './certification.services';
import { registerDraftFileRoutes } from './draft-files.routes';
import { registerDraftRoutes } from './draft.routes';
import { registerProgressRoutes } from './progress.routes';

/** Registers every route of the certification wizard and the progress query. */
export function registerCertificationRoutes(
  api: ApiRouter,
  services: CertificationServices,
  config: Config,
): void {
  registerDraftRoutes(api, services, config);
  registerDraftFileRoutes(api, services, config);
  registerProgressRoutes(api, services);
}
