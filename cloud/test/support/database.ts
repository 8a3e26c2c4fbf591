import { randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { connectDatabase } from '../../src/db/connect';
import { withDatabaseName } from '../../src/db/provide-database';
import { createLogger } from '../../src/logger';

export interface TestDatabase {
  uri: string;
  db: Connection;
  /** Drops the database and closes the connection. */
  drop(): Promise<void>;
}

/** Opens a fresh, uniquely named database on the run's test server. */
export async function openTestDatabase(): Promise<TestDatabase> {
  const serverUri = process.env.UCZ_TEST_MONGODB_URI;
  if (!serverUri)
    throw new Error('UCZ_TEST_MONGODB_URI is unset: run the tests through Jest (global setup)');
  const uri = withDatabaseName(serverUri, `ucz_test_${randomBytes(6).toString('hex')}`);
  const db = await connectDatabase(uri, createLogger('silent'));
  return {
    uri,
    db,
    drop: async () => {
      await db.dropDatabase();
      await db.close();
    },
  };
}
