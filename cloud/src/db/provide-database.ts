import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger';
import { redactMongoUri } from './connect';
import { startManagedProcess } from './child-process';
import { ensureFerretDb, findOnPath } from './ferretdb';
import { findFreePort, waitForPort } from './free-port';

export type DatabaseKind = 'external' | 'mongod' | 'ferretdb';

/** A MongoDB-compatible server this process can use, and how to stop it. */
export interface ProvidedDatabase {
  kind: DatabaseKind;
  /** Server URI without a database name, for example mongodb://127.0.0.1:41234/ */
  serverUri: string;
  /** URI of the named database. */
  uri: string;
  stop(): Promise<void>;
}

export interface ProvideDatabaseOptions {
  /** A real server chosen by the user; used as it is when set. */
  mongodbUri?: string;
  /** Folder for the local server's files. */
  dataDir: string;
  databaseName: string;
  logger: Logger;
}

export class NoDatabaseError extends Error {
  constructor() {
    super(
      'No MongoDB-compatible database is available. Do one of these:\n' +
        '  - set MONGODB_URI to a MongoDB 5.0+ or FerretDB server, for example mongodb://127.0.0.1:27017/ucz\n' +
        '  - put `mongod` on PATH\n' +
        '  - install Go 1.24 or newer so FerretDB 1.24 can be built locally (see README)',
    );
    this.name = 'NoDatabaseError';
  }
}

/** Replaces the database name of a MongoDB URI, keeping credentials and options. */
export function withDatabaseName(uri: string, databaseName: string): string {
  const url = new URL(uri);
  url.pathname = `/${databaseName}`;
  return url.toString();
}

/**
 * `sh -c` script that runs "$@" and stops it when the shell's standard input ends, for
 * servers such as mongod that ignore their input. A non-interactive shell gives a
 * background command /dev/null as its input, so the watcher reads the pipe through fd 3.
 */
export const stopOnInputEndScript =
  'exec 3<&0; "$@" 3<&- & pid=$!; (cat <&3 >/dev/null; kill "$pid" 2>/dev/null) & wait "$pid"';

async function startMongod(
  binary: string,
  options: ProvideDatabaseOptions,
): Promise<ProvidedDatabase> {
  const dbPath = path.join(options.dataDir, 'mongod');
  fs.mkdirSync(dbPath, { recursive: true });
  const port = await findFreePort();
  const server = startManagedProcess(
    'mongod',
    'sh',
    [
      '-c',
      stopOnInputEndScript,
      'sh',
      binary,
      '--dbpath',
      dbPath,
      '--bind_ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--quiet',
    ],
    options.logger,
  );
  await waitOrExplain(server, port, 'mongod');
  const serverUri = `mongodb://127.0.0.1:${port}/`;
  return {
    kind: 'mongod',
    serverUri,
    uri: withDatabaseName(serverUri, options.databaseName),
    stop: server.stop,
  };
}

async function startFerretDb(
  binary: string,
  options: ProvideDatabaseOptions,
): Promise<ProvidedDatabase> {
  const sqliteDir = path.join(options.dataDir, 'ferretdb');
  fs.mkdirSync(sqliteDir, { recursive: true });
  const port = await findFreePort();
  const server = startManagedProcess(
    'ferretdb',
    binary,
    [
      '-listen-addr',
      `127.0.0.1:${port}`,
      '-sqlite-url',
      `file:${sqliteDir}/`,
      '-log-level',
      'warn',
    ],
    options.logger,
  );
  await waitOrExplain(server, port, 'FerretDB');
  const serverUri = `mongodb://127.0.0.1:${port}/`;
  return {
    kind: 'ferretdb',
    serverUri,
    uri: withDatabaseName(serverUri, options.databaseName),
    stop: server.stop,
  };
}

async function waitOrExplain(
  server: ReturnType<typeof startManagedProcess>,
  port: number,
  name: string,
): Promise<void> {
  try {
    await waitForPort(port, 30_000, server.isAlive);
  } catch (error) {
    await server.stop();
    throw new Error(
      `${name} did not start: ${(error as Error).message}\n${server.recentOutput()}`,
      { cause: error },
    );
  }
}

/**
 * Returns a database in this order: MONGODB_URI when set; else `mongod` from PATH;
 * else FerretDB 1.24 (SQLite backend) built into .tools; else a NoDatabaseError that
 * says how to provide one. Local servers listen on a free 127.0.0.1 port and exit with
 * this process.
 */
export async function provideDatabase(options: ProvideDatabaseOptions): Promise<ProvidedDatabase> {
  const { logger } = options;
  if (options.mongodbUri) {
    logger.info({ uri: redactMongoUri(options.mongodbUri) }, 'using the database from MONGODB_URI');
    const url = new URL(options.mongodbUri);
    const hasName = url.pathname.length > 1;
    return {
      kind: 'external',
      serverUri: withDatabaseName(options.mongodbUri, ''),
      uri: hasName
        ? options.mongodbUri
        : withDatabaseName(options.mongodbUri, options.databaseName),
      stop: async () => {},
    };
  }

  const mongod = findOnPath('mongod');
  if (mongod) {
    logger.info({ binary: mongod, dataDir: options.dataDir }, 'starting local mongod');
    const database = await startMongod(mongod, options);
    logger.info({ uri: database.serverUri }, 'local mongod started');
    return database;
  }

  const ferretdb = ensureFerretDb(logger);
  if (ferretdb) {
    logger.info(
      { dataDir: options.dataDir },
      'starting local FerretDB (SQLite backend, telemetry off)',
    );
    const database = await startFerretDb(ferretdb, options);
    logger.info({ uri: database.serverUri }, 'local FerretDB started');
    return database;
  }

  throw new NoDatabaseError();
}
