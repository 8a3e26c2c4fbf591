import databaseSetup from '../../test/support/global-setup';
import { assertWeappBuilt } from './weapp-build';

/** Checks for the weapp build before starting the run's database server. */
export default async function globalSetup(): Promise<void> {
  assertWeappBuilt();
  await databaseSetup();
}
