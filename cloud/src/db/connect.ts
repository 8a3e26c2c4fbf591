import mongoose from 'mongoose';
import type { Connection } from 'mongoose';
import type { Logger } from '../logger';

/** Hides the credentials of a MongoDB URI for logs. */
export function redactMongoUri(uri: string): string {
  return uri.replace(/\/\/[^@/]*@/u, '//***@');
}

/**
 * Opens a mongoose connection and creates the declared indexes of every model
 * registered on it. Indexes must exist before the first request, because unique keys
 * carry the business rules (one application per draft, unique account names).
 */
export async function connectDatabase(uri: string, logger: Logger): Promise<Connection> {
  const connection = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: 10_000,
    autoIndex: false,
  });
  await connection.asPromise();
  logger.info({ uri: redactMongoUri(uri) }, 'database connected');
  return connection;
}

/** Creates the indexes of all models registered on the connection. */
export async function syncIndexes(connection: Connection): Promise<void> {
  for (const model of Object.values(connection.models)) {
    await model.createIndexes();
  }
}
