import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { buildApp } from './app';
import type { AppDeps } from './app';
import { ConfigError, loadConfig, publicUrl } from './config';
import { connectDatabase, syncIndexes } from './db/connect';
import { repositoryRoot } from './db/paths';
import { NoDatabaseError, provideDatabase } from './db/provide-database';
import { systemClock } from './lib/clock';
import { createLogger } from './logger';
import type { Logger } from './logger';
import { seedSimulatorStaff } from './simulator/seed-staff';
import { startSimulatorServices } from './simulator/start-simulator';
import { startBackgroundWorkers } from './workers';

type Stopper = { name: string; stop: () => Promise<void> | void };

/**
 * Starts the product: config, database (local when MONGODB_URI is unset), simulator
 * sinks in simulator mode, the HTTP server and the background workers. SIGINT and
 * SIGTERM stop everything in reverse order.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const stoppers: Stopper[] = [];
  let stopping = false;

  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    for (const stopper of stoppers.reverse()) {
      try {
        await stopper.stop();
        logger.info({ component: stopper.name }, 'stopped');
      } catch (error) {
        logger.error({ component: stopper.name, err: error }, 'failed to stop cleanly');
      }
    }
    logger.info('shutdown complete');
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    const database = await provideDatabase({
      mongodbUri: config.MONGODB_URI,
      dataDir: path.resolve(repositoryRoot, config.LOCAL_DB_DIR),
      databaseName: 'ucz',
      logger,
    });
    stoppers.push({ name: `database (${database.kind})`, stop: database.stop });

    const db = await connectDatabase(database.uri, logger);
    stoppers.push({ name: 'database connection', stop: () => db.close() });

    const outside = await startSimulatorServices(config, logger);
    stoppers.push(...outside.stoppers);

    const deps: AppDeps = {
      config,
      logger,
      db,
      clock: systemClock,
      mailer: outside.mailer,
      sms: outside.sms,
      simulator: outside.simulator,
    };
    const built = buildApp(deps);
    await syncIndexes(db);
    if (outside.simulator) {
      await seedSimulatorStaff({
        db,
        hasher: built.services.passwordHasher,
        logger,
        password: config.SIMULATOR_STAFF_PASSWORD,
      });
    }

    const server = http.createServer(built.app.callback());
    server.requestTimeout = 120_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.PORT, config.HOST, resolve);
    });
    const { port } = server.address() as AddressInfo;
    stoppers.push({
      name: 'http server',
      stop: () =>
        new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
          setTimeout(() => server.closeAllConnections(), 5000).unref();
        }),
    });

    const workers = startBackgroundWorkers(built.services, deps);
    stoppers.push(...workers);

    printWelcome(
      logger,
      publicUrl(config, port),
      database.kind,
      outside.simulator ? config.SIMULATOR_STAFF_PASSWORD : undefined,
    );
  } catch (error) {
    if (error instanceof NoDatabaseError || error instanceof ConfigError) {
      logger.fatal(error.message);
    } else {
      logger.fatal({ err: error }, 'start-up failed');
    }
    await shutdown('start-up failure');
    process.exitCode = 1;
  }
}

/** Prints where the product runs; `staffPassword` is set in simulator mode only. */
function printWelcome(
  logger: Logger,
  url: string,
  databaseKind: string,
  staffPassword: string | undefined,
): void {
  const simulator = staffPassword !== undefined;
  logger.info({ url, databaseKind, simulator }, 'Unified Customer Zone is running');
  const lines = [
    '',
    `  Unified Customer Zone: ${url}`,
    `  API document:          ${url}/api/openapi.json`,
    ...(simulator
      ? [
          `  Simulator inbox:       ${url}/simulator  (mail and SMS the app sent)`,
          `  Reviewer console:      ${url}/review  (log in as reviewer / ${staffPassword})`,
          `  Operator admin:        operator / ${staffPassword}  (API under /api/operator)`,
        ]
      : []),
    `  Database:              ${databaseKind}`,
    '  Create a reviewer:     npm run create-reviewer -- --username reviewer1 --name "Reviewer One"',
    '  Stop:                  Ctrl-C',
    '',
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
}

void main();
