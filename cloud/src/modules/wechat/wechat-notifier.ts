import type { Connection } from 'mongoose';
import type { Clock } from '../../lib/clock';
import { isDuplicateKeyError } from '../../lib/mongo-errors';
import type { Logger } from '../../logger';
import type { WechatIdentityService } from './identity.service';
import { fitSubscribeValue } from './subscribe-message-values';
import {
  reviewResultPhrases,
  securityEventTexts,
  subscribeTemplateKeys,
} from './subscribe-templates';
import type { SecurityEvent, SubscribeTemplateName } from './subscribe-templates';
import { subscribeSendModel } from './subscription.model';
import type { SubscriptionService } from './subscriptions.service';
import type { WechatClient } from './wechat-client';
import { WechatApiError, WechatTransportError } from './wechat-errors';
import type { WechatSettings } from './wechat-settings';

/** Reason a notification did not go out through WeChat, so the caller sends it by email or SMS. */
export type FallbackReason =
  /** The mini-program or this template is not configured. */
  | 'not_configured'
  | 'identity_not_found'
  /** The server counts no grant left for this user and template. */
  | 'no_grant'
  /** WeChat returned 43101: the user rejected the template or has no grant left. */
  | 'refused'
  /** WeChat failed or could not be reached. */
  | 'failed'
  /** Another call with the same dedupe key has not finished. */
  | 'in_progress';

export type WechatNotifyOutcome =
  { status: 'sent' } | { status: 'fallback_needed'; reason: FallbackReason };

interface CommonInput {
  /** The WeChat identity (wechat_identities id) to notify. */
  identityId: string;
  /** Unique per notification; a repeated call returns the first call's outcome. */
  dedupeKey: string;
  /** Mini-program page the message opens, without a leading slash. */
  page?: string;
}

export interface WechatNotifier {
  sendReviewResult(
    input: CommonInput & {
      applicationNumber: string;
      decision: 'approved' | 'rejected';
      /** The rejection reason; cut to the 20 characters of its field. */
      reason?: string;
      decidedAt: Date;
    },
  ): Promise<WechatNotifyOutcome>;
  sendSecurityNotice(
    input: CommonInput & { event: SecurityEvent; occurredAt: Date; account: string },
  ): Promise<WechatNotifyOutcome>;
}

const approvedRemark = '请登录统一客户专区查看';
const securityRemark = '如非本人操作，请立即联系客服';

/**
 * Creates the notifier that sends review results and security notices as subscribe
 * messages. A message goes out only when the user has a grant left; each send takes one
 * grant. When WeChat returns 43101 the notifier takes no further grant and reports
 * "fallback needed", as it does whenever the message cannot go out, so the caller
 * sends it by email or SMS instead.
 */
export function createWechatNotifier(deps: {
  db: Connection;
  client: WechatClient | undefined;
  identities: WechatIdentityService;
  subscriptions: SubscriptionService;
  settings: WechatSettings;
  timeZone: string;
  clock: Clock;
  logger: Logger;
}): WechatNotifier {
  const sends = subscribeSendModel(deps.db);
  const log = deps.logger.child({ component: 'wechat-notifier' });

  async function finish(
    dedupeKey: string,
    outcome: WechatNotifyOutcome,
  ): Promise<WechatNotifyOutcome> {
    await sends.updateOne(
      { dedupeKey },
      {
        $set: {
          status: outcome.status,
          ...(outcome.status === 'fallback_needed' ? { reason: outcome.reason } : {}),
          finishedAt: deps.clock.now(),
        },
      },
    );
    return outcome;
  }

  async function earlierOutcome(dedupeKey: string): Promise<WechatNotifyOutcome> {
    const earlier = await sends.findOne({ dedupeKey }).lean();
    if (earlier?.status === 'sent') return { status: 'sent' };
    if (earlier?.status === 'fallback_needed') {
      return { status: 'fallback_needed', reason: (earlier.reason ?? 'failed') as FallbackReason };
    }
    return { status: 'fallback_needed', reason: 'in_progress' };
  }

  async function send(
    templateName: SubscribeTemplateName,
    input: CommonInput,
    values: Record<string, string | Date>,
  ): Promise<WechatNotifyOutcome> {
    const { client } = deps;
    const templateId = deps.settings.subscribeTemplates[templateName];
    const context = {
      template: templateName,
      identityId: input.identityId,
      dedupeKey: input.dedupeKey,
    };
    if (!client || !templateId) {
      log.info(context, 'subscribe message not sent: not configured');
      return { status: 'fallback_needed', reason: 'not_configured' };
    }
    // Fitted before anything is claimed: a value that cannot be fitted is a caller bug and throws.
    const data = Object.fromEntries(
      Object.entries(values).map(([key, value]) => [
        key,
        fitSubscribeValue(key, value, deps.timeZone),
      ]),
    );
    const identity = await deps.identities.findIdentity(input.identityId);
    if (!identity) {
      log.warn(context, 'subscribe message not sent: WeChat identity not found');
      return { status: 'fallback_needed', reason: 'identity_not_found' };
    }

    try {
      await sends.create({
        dedupeKey: input.dedupeKey,
        identityId: identity.id,
        templateId,
        status: 'sending',
        createdAt: deps.clock.now(),
      });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const outcome = await earlierOutcome(input.dedupeKey);
      log.info({ ...context, outcome }, 'subscribe message already handled under this dedupe key');
      return outcome;
    }

    const grantKey = { appid: identity.appid, openid: identity.openid, templateId };
    if (!(await deps.subscriptions.claimGrant(grantKey))) {
      log.info(context, 'subscribe message not sent: no grant left');
      return finish(input.dedupeKey, { status: 'fallback_needed', reason: 'no_grant' });
    }

    try {
      await client.sendSubscribeMessage({
        touser: identity.openid,
        templateId,
        ...(input.page ? { page: input.page } : {}),
        data,
        miniprogramState: deps.settings.miniprogramState,
      });
      log.info(context, 'subscribe message sent');
      return finish(input.dedupeKey, { status: 'sent' });
    } catch (error) {
      if (error instanceof WechatApiError && error.errcode === 43101) {
        // WeChat has no grant for this user: the claimed one is spent, no other is tried.
        log.info(
          context,
          'WeChat rejected the subscribe message with 43101; falling back to email or SMS',
        );
        return finish(input.dedupeKey, { status: 'fallback_needed', reason: 'refused' });
      }
      if (error instanceof WechatTransportError) {
        // WeChat may have delivered it, so the grant is not given back.
        log.error(
          { ...context, err: error },
          'subscribe message failed: WeChat not reachable; falling back',
        );
      } else {
        await deps.subscriptions.restoreGrant(grantKey);
        const errcode = error instanceof WechatApiError ? error.errcode : undefined;
        log.error(
          { ...context, errcode, err: error },
          'subscribe message failed; grant given back; falling back',
        );
      }
      return finish(input.dedupeKey, { status: 'fallback_needed', reason: 'failed' });
    }
  }

  return {
    sendReviewResult(input) {
      const keys = subscribeTemplateKeys.reviewResult;
      const remark = input.decision === 'approved' ? approvedRemark : (input.reason ?? '');
      return send('reviewResult', input, {
        [keys.applicationNumber]: input.applicationNumber,
        [keys.result]: reviewResultPhrases[input.decision],
        [keys.decidedAt]: input.decidedAt,
        [keys.remark]: remark,
      });
    },

    sendSecurityNotice(input) {
      const keys = subscribeTemplateKeys.securityNotice;
      return send('securityNotice', input, {
        [keys.event]: securityEventTexts[input.event],
        [keys.occurredAt]: input.occurredAt,
        [keys.account]: input.account,
        [keys.remark]: securityRemark,
      });
    },
  };
}
