import { randomBytes } from 'node:crypto';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../logger';
import { templateDataKeys } from '../../modules/wechat/subscribe-templates';
import { startFakeWechat } from './index';
import type { FakeWechat, FakeWechatApp } from './index';

/** The fake WeChat of simulator mode together with the apps it plays. */
export interface SimulatorWechat extends FakeWechat {
  miniProgram: FakeWechatApp;
  officialAccount: FakeWechatApp;
  /** Subscribe-message template ids of the simulated mini-program. */
  templates: { reviewResult: string; securityNotice: string };
}

/** AppIDs of the simulated apps; fixed, so links and logs stay recognisable. */
export const simulatorMiniProgramAppid = 'wx5ea1a70e00000001';
export const simulatorOfficialAppid = 'wx5ea1a70e00000002';

/**
 * Starts the fake WeChat for simulator mode and the tests: a mini-program (not bound
 * to an Open Platform account, so no unionid) with the review-result and
 * security-notice subscribe templates, and the official account 深证通客户服务中心.
 * Secrets and the push token are random per start.
 */
export async function startSimulatorWechat(options: {
  logger: Logger;
  clock?: Clock;
  port?: number;
}): Promise<SimulatorWechat> {
  const templates = { reviewResult: 'sim-review-result', securityNotice: 'sim-security-notice' };
  const miniProgram: FakeWechatApp = {
    appid: simulatorMiniProgramAppid,
    secret: randomBytes(16).toString('hex'),
    unionBound: false,
    kind: 'miniprogram',
    templates: [
      { templateId: templates.reviewResult, keys: templateDataKeys('reviewResult') },
      { templateId: templates.securityNotice, keys: templateDataKeys('securityNotice') },
    ],
  };
  const officialAccount: FakeWechatApp = {
    appid: simulatorOfficialAppid,
    secret: randomBytes(16).toString('hex'),
    unionBound: false,
    kind: 'official_account',
    pushToken: randomBytes(12).toString('hex'),
    originalId: 'gh_5ea1a70e0002',
  };
  const fake = await startFakeWechat({
    logger: options.logger,
    apps: [miniProgram, officialAccount],
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
  });
  return { ...fake, miniProgram, officialAccount, templates };
}
