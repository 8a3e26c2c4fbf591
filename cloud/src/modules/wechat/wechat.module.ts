import type { Connection } from 'mongoose';
import type { Config } from '../../config';
import type { ApiRouter } from '../../http/api-router';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../logger';
import type { SimulatorWechat } from '../../simulator/fake-wechat/simulator-wechat';
import { createDatabaseTokenCache } from './access-token-cache';
import { createWechatBindings } from './bindings';
import { createReviewResultWechat } from './review-result-wechat';
import { registerScanLoginRoutes } from './scan-login.routes';
import { createSecurityNoticeWechat } from './security-notice-wechat';
import type { WechatAccountServices } from './wechat-accounts.module';
import { registerWechatLoginRoutes } from './wechat-login.routes';
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
  const bindings = createWechatBindings({ db, clock });
  const reviewResults = createReviewResultWechat({ db, bindings, notifier, logger });
  const securityNotices = createSecurityNoticeWechat({
    bindings,
    notifier,
    profilePage: settings.profilePage,
    logger,
  });

  return {
    settings,
    miniProgramClient,
    officialClient,
    identities,
    subscriptions,
    notifier,
    officialPush,
    bindings,
    reviewResults,
    securityNotices,
  };
}

export type WechatServices = ReturnType<typeof createWechatServices>;

/**
 * Registers the WeChat endpoints: the official account's message push, subscribe-message
 * grants, mini-program login, binding and unbinding, and website scan login.
 */
export function registerWechatRoutes(
  api: ApiRouter,
  wechat: WechatServices,
  accounts: WechatAccountServices,
): void {
  registerOfficialPushRoutes(api, wechat.officialPush);
  registerSubscriptionRoutes(api, wechat.subscriptions, {
    guard: accounts.guard,
    bindings: wechat.bindings,
  });
  registerWechatLoginRoutes(api, accounts);
  registerScanLoginRoutes(api, accounts);
}
