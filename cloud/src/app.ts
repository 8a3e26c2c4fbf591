import path from 'node:path';
import { bodyParser } from '@koa/bodyparser';
import Koa from 'koa';
import type { Connection } from 'mongoose';
import type { Config } from './config';
import type { Logger } from './logger';
import type { Clock } from './lib/clock';
import { ApiRouter } from './http/api-router';
import type { AppState } from './http/context';
import { errorHandler } from './http/error-handler';
import { registerHealthRoutes } from './http/health.routes';
import { OpenApiRegistry } from './http/openapi';
import { requestContext } from './http/request-context';
import { apiNoStore, securityHeaders } from './http/security-headers';
import { staticSite } from './http/static-site';
import type { Mailer, SmsSender } from './modules/notifications/notification.types';
import type { SmsSink } from './simulator/sms-sink';
import type { SmtpSink } from './simulator/smtp-sink';
import type { SimulatorWechat } from './simulator/fake-wechat/simulator-wechat';
import { createServices } from './services';
import type { Services } from './services';
import { registerRoutes } from './routes';
import { repositoryRoot } from './db/paths';

/** The outside world the app talks to; tests pass real local stand-ins. */
export interface AppDeps {
  config: Config;
  logger: Logger;
  db: Connection;
  clock: Clock;
  mailer: Mailer;
  sms: SmsSender;
  /** The simulator's sinks, present in simulator mode; their viewer routes are served then. */
  simulator?: { smtp: SmtpSink; sms: SmsSink; wechat?: SimulatorWechat };
}

export interface BuiltApp {
  app: Koa<AppState>;
  services: Services;
  openApi: OpenApiRegistry;
}

/** Builds the Koa app from injected dependencies. Starts no timers and opens no ports. */
export function buildApp(deps: AppDeps): BuiltApp {
  const services = createServices(deps);
  const openApi = new OpenApiRegistry();
  const api = new ApiRouter(openApi);

  registerHealthRoutes(api, deps.db);
  registerRoutes(api, services, deps);
  api.route(
    {
      method: 'get',
      path: '/api/openapi.json',
      summary: 'This OpenAPI document',
      tags: ['meta'],
      responses: { 200: { description: 'OpenAPI 3 document', contentType: 'application/json' } },
    },
    async (ctx) => {
      ctx.body = openApi.document({ title: 'Unified Customer Zone API', version: '0.1.0' });
    },
  );

  const app = new Koa<AppState>({ proxy: false });
  const trustedProxies = deps.config.TRUSTED_PROXIES.split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);

  app.use(requestContext(deps.logger, trustedProxies));
  app.use(apiNoStore());
  app.use(errorHandler());
  app.use(securityHeaders());
  // Multipart uploads are streamed by their own routes; JSON bodies are small.
  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: '256kb', encoding: 'utf-8' }));
  app.use(api.middleware());
  app.use(api.allowedMethods());
  // The website (Taro h5 build) serves every GET that no API route handled.
  app.use(
    staticSite({
      root: path.resolve(repositoryRoot, deps.config.WEBSITE_DIR),
      logger: deps.logger,
    }),
  );

  // Errors reach this listener only from sockets, because the error handler catches the rest.
  app.on('error', (error: unknown) => {
    deps.logger.debug({ err: error }, 'koa error event');
  });

  return { app, services, openApi };
}
