import type { Connection } from 'mongoose';
import type { Config } from '../../config';
import type { ApiRouter } from '../../http/api-router';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../logger';
import type { SimulatorWechat } from '../../simulator/fake-wechat/simulator-wechat';
import { createDatabaseTokenCache } from './access-token-cache';
import { createWechatIdentityService } from './identity.service';
import { registerOfficialPushRoutes } from './official-push.routes';
import { createOfficialPushService } from './official-push.service';
import { registerSubscriptionRoutes } from './subscriptions.routes';
import { createSubscriptionService } from './subscriptions.service';
import { createWechatClient } from './wechat-client';
import { createWechatNotifier } from './wechat-notifier';
import { resolveWechatSettings } from './wechat-settings';
import type { WechatAppCredentials } from './wechat-settings';

/**
 * Builds the WeChat module: a client per configured app (sharing access tokens through
 * the database), mini-program identities, subscribe-message grants and the notifier,
 * and the official account's push handler. In simulator mode everything points at the
 * simulator's fake WeChat.
 */
export function createWechatServices(deps: {
  config: Config;
  db: Connection;
  clock: Clock;
  logger: Logger;
  simulator?: SimulatorWechat;
}) {
  const { config, db, clock, logger } = deps;
  const settings = resolveWechatSettings(config, deps.simulator);
  const clientFor = (app: WechatAppCredentials) =>
    createWechatClient({
      baseUrl: settings.apiBaseUrl,
      app,
      tokenCache: createDatabaseTokenCache({ db, app, logger }),
      clock,
      logger,
      timeoutMs: settings.httpTimeoutMs,
    });

  const miniProgramClient = settings.miniProgram ? clientFor(settings.miniProgram) : undefined;
  const officialClient = settings.officialAccount ? clientFor(settings.officialAccount) : undefined;
  const identities = createWechatIdentityService({ db, client: miniProgramClient, clock, logger });
  const subscriptions = createSubscriptionService({ db, identities, settings, clock, logger });
  const notifier = createWechatNotifier({
    db,
    client: miniProgramClient,
    identities,
    subscriptions,
    settings,
    timeZone: config.BUSINESS_TIME_ZONE,
    clock,
    logger,
  });
  const officialPush = createOfficialPushService({ db, settings, clock, logger });

  return {
    settings,
    miniProgramClient,
    officialClient,
    identities,
    subscriptions,
    notifier,
    officialPush,
  };
}

export type WechatServices = ReturnType<typeof createWechatServices>;

/** Registers the WeChat endpoints: the official account's message push and subscribe-message grants. */
export function registerWechatRoutes(api: ApiRouter, wechat: WechatServices): void {
  registerOfficialPushRoutes(api, wechat.officialPush);
  registerSubscriptionRoutes(api, wechat.subscriptions);
}
