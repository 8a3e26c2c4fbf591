import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createLogger } from '../../src/logger';
import { provideDatabase } from '../../src/db/provide-database';
import type { ProvidedDatabase } from '../../src/db/provide-database';

declare global {
  var __uczTestDatabase: { database: ProvidedDatabase; dataDir: string } | undefined;
}

/**
 * Starts one throwaway database server for the whole run (or uses MONGODB_URI) and
 * publishes its address to the test files through UCZ_TEST_MONGODB_URI.
 */
export default async function globalSetup(): Promise<void> {
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'warn');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ucz-test-db-'));
  const database = await provideDatabase({
    mongodbUri: process.env.MONGODB_URI || undefined,
    dataDir,
    databaseName: 'ucz_test',
    logger,
  });
  globalThis.__uczTestDatabase = { database, dataDir };
  process.env.UCZ_TEST_MONGODB_URI = database.serverUri;
  process.env.UCZ_TEST_DATABASE_KIND = database.kind;
}
