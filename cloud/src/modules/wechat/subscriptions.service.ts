import { randomUUID } from 'node:crypto';
import type { Connection } from 'mongoose';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import { isDuplicateKeyError } from '../../lib/mongo-errors';
import type { Logger } from '../../logger';
import type { WechatIdentityService } from './identity.service';
import { subscriptionGrantModel } from './subscription.model';
import type { SubscriptionGrantDoc } from './subscription.model';
import type { WechatSettings } from './wechat-settings';

/** Results of wx.requestSubscribeMessage per template; only `accept` grants a message. */
export const grantResults = ['accept', 'reject', 'ban', 'filter'] as const;
export type GrantResult = (typeof grantResults)[number];

/** Grants kept per user and template; taps beyond this are not counted. */
const maxGrantsPerTemplate = 50;

/** A user's subscribe grants for one template, as the service counts them. */
export interface GrantKey {
  appid: string;
  openid: string;
  templateId: string;
}

export interface RecordedResult {
  templateId: string;
  result: GrantResult;
  /** False for templates the server does not send, and for grants beyond the cap. */
  counted: boolean;
  grantsLeft: number;
}

export interface SubscriptionService {
  /** The template ids the mini-program passes to wx.requestSubscribeMessage. */
  templates(): WechatSettings['subscribeTemplates'];
  /**
   * Counts the grant results the mini-program reports: one grant per `accept`. A report
   * repeated with the same `reportId` counts once. Throws `wechat.identity_not_found`.
   */
  recordResults(input: {
    identityId: string;
    reportId?: string;
    results: Record<string, GrantResult>;
  }): Promise<RecordedResult[]>;
  grantsLeft(key: GrantKey): Promise<number>;
  /** Takes one grant (the oldest); false when none is left. */
  claimGrant(key: GrantKey): Promise<boolean>;
  /** Gives a grant back after WeChat refused the message for a reason of ours. */
  restoreGrant(key: GrantKey): Promise<void>;
}

/** Creates the service that counts subscribe-message grants per (openid, template). */
export function createSubscriptionService(deps: {
  db: Connection;
  identities: WechatIdentityService;
  settings: WechatSettings;
  clock: Clock;
  logger: Logger;
}): SubscriptionService {
  const grants = subscriptionGrantModel(deps.db);
  const log = deps.logger.child({ component: 'wechat-subscriptions' });
  const knownTemplates = () =>
    new Set(Object.values(deps.settings.subscribeTemplates).filter(Boolean));

  const grantsLeft = (key: GrantKey) => grants.countDocuments(key);

  async function addGrant(key: GrantKey, grantKey: string): Promise<boolean> {
    try {
      await grants.create({ ...key, grantKey, grantedAt: deps.clock.now() });
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }

  return {
    templates: () => ({ ...deps.settings.subscribeTemplates }),

    async recordResults(input) {
      const identity = await deps.identities.findIdentity(input.identityId);
      if (!identity) throw new AppError('wechat.identity_not_found');
      const known = knownTemplates();
      const recorded: RecordedResult[] = [];

      for (const [templateId, result] of Object.entries(input.results)) {
        const key = { appid: identity.appid, openid: identity.openid, templateId };
        if (!known.has(templateId)) {
          recorded.push({ templateId, result, counted: false, grantsLeft: 0 });
          continue;
        }
        let counted = false;
        if (result === 'accept' && (await grantsLeft(key)) < maxGrantsPerTemplate) {
          const grantKey = input.reportId
            ? `${identity.id}:${input.reportId}:${templateId}`
            : randomUUID();
          counted = await addGrant(key, grantKey);
        }
        recorded.push({ templateId, result, counted, grantsLeft: await grantsLeft(key) });
      }
      log.info(
        {
          identityId: identity.id,
          results: recorded.map(({ templateId, result, counted }) => ({
            templateId,
            result,
            counted,
          })),
        },
        'subscribe grant results recorded',
      );
      return recorded;
    },

    grantsLeft,

    async claimGrant(key) {
      // Two senders may pick the same oldest grant; the loser of the delete tries the next.
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const candidates = await grants
          .find(key)
          .sort({ grantedAt: 1 })
          .limit(5)
          .lean<SubscriptionGrantDoc[]>();
        if (candidates.length === 0) return false;
        for (const candidate of candidates) {
          const { deletedCount } = await grants.deleteOne({ _id: candidate._id });
          if (deletedCount === 1) return true;
        }
      }
      return false;
    },

    async restoreGrant(key) {
      await addGrant(key, `restored:${randomUUID()}`);
    },
  };
}
