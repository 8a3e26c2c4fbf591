import http from 'node:http';
import type { AddressInfo } from 'node:net';
import supertest from 'supertest';
import { buildApp } from '../../src/app';
import type { AppDeps, BuiltApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import type { Config } from '../../src/config';
import { syncIndexes } from '../../src/db/connect';
import { ManualClock } from '../../src/lib/clock';
import { createLogger } from '../../src/logger';
import { createSmtpMailer } from '../../src/modules/notifications/smtp-mailer';
import { startSimulatorWechat } from '../../src/simulator/fake-wechat/simulator-wechat';
import type { SimulatorWechat } from '../../src/simulator/fake-wechat/simulator-wechat';
import { createSmsSink } from '../../src/simulator/sms-sink';
import type { SmsSink } from '../../src/simulator/sms-sink';
import { startSmtpSink } from '../../src/simulator/smtp-sink';
import type { SmtpSink } from '../../src/simulator/smtp-sink';
import { openTestDatabase } from './database';
import type { TestDatabase } from './database';

export interface TestApp {
  /** supertest bound to the running server: `t.api.get('/healthz')`. */
  api: ReturnType<typeof supertest>;
  baseUrl: string;
  server: http.Server;
  built: BuiltApp;
  services: BuiltApp['services'];
  deps: AppDeps;
  config: Config;
  clock: ManualClock;
  database: TestDatabase;
  mail: SmtpSink;
  sms: SmsSink;
  /** The fake WeChat API server, on the same manual clock as the app. */
  wechat: SimulatorWechat;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Environment settings on top of the test defaults. */
  env?: Record<string, string>;
  /** Start time of the manual clock; defaults to the real current time. */
  now?: Date;
}

/**
 * Starts the real app on a free 127.0.0.1 port, on a fresh database of the run's test
 * server, with a real SMTP sink reached through the real mailer, an SMS sink and a
 * manual clock. Call close() in afterAll.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent');
  const database = await openTestDatabase();
  const mail = await startSmtpSink({ logger });
  const sms = createSmsSink(logger);
  const config = loadConfig({
    NODE_ENV: 'test',
    SIMULATOR: 'true',
    LOG_LEVEL: 'silent',
    MONGODB_URI: database.uri,
    // Cheap hashing keeps the suite fast; production uses the config defaults.
    ARGON2_MEMORY_KIB: '8192',
    ARGON2_TIME_COST: '1',
    ...options.env,
  });
  const mailer = createSmtpMailer({ url: mail.url, from: config.MAIL_FROM, logger });
  const clock = new ManualClock(options.now ?? new Date());
  const wechat = await startSimulatorWechat({ logger, clock });

  const deps: AppDeps = {
    config,
    logger,
    db: database.db,
    clock,
    mailer,
    sms,
    simulator: { smtp: mail, sms, wechat },
  };
  const built = buildApp(deps);
  await syncIndexes(database.db);

  const server = http.createServer(built.app.callback());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;

  return {
    api: supertest(server),
    baseUrl,
    server,
    built,
    services: built.services,
    deps,
    config,
    clock,
    database,
    mail,
    sms,
    wechat,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      mailer.close();
      await mail.stop();
      await wechat.stop();
      await database.drop();
    },
  };
}
