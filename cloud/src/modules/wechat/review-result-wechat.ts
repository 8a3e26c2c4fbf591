import type { Connection } from 'mongoose';
import type { Logger } from '../../logger';
import { accountModel } from '../accounts/account.model';
import type { ReviewResultWechat } from '../review/decision-notifications';
import type { WechatBindings } from './bindings';
import type { WechatNotifier } from './wechat-notifier';

/**
 * Creates the WeChat channel of review results. The applicant's account is the one the
 * approval created, else the account that uses the application's email. A first-time
 * applicant has no account, and so no binding, until the approval, so most results
 * still go by email and SMS.
 */
export function createReviewResultWechat(deps: {
  db: Connection;
  bindings: WechatBindings;
  notifier: WechatNotifier;
  logger: Logger;
}): ReviewResultWechat {
  const Accounts = accountModel(deps.db);
  const log = deps.logger.child({ component: 'wechat-review-results' });

  async function applicantAccountId(
    emailKey: string | null | undefined,
    accountId: string | undefined,
  ): Promise<string | undefined> {
    if (accountId) return accountId;
    if (!emailKey) return undefined;
    const account = await Accounts.findOne({ emailKey }, { _id: 1 }).lean();
    return account?._id.toString();
  }

  return {
    async sendReviewResult(input) {
      const { application, decision } = input;
      const accountId = await applicantAccountId(application.account.emailKey, input.accountId);
      const binding = accountId ? await deps.bindings.ofAccount(accountId) : undefined;
      if (!binding) return false;

      const context = {
        applicationId: application._id.toString(),
        identityId: binding.identityId,
        decision: decision.kind,
      };
      try {
        const outcome = await deps.notifier.sendReviewResult({
          identityId: binding.identityId,
          dedupeKey: input.dedupeKey,
          applicationNumber: application.number,
          decision: decision.kind,
          ...(decision.kind === 'rejected' ? { reason: decision.reason } : {}),
          decidedAt: input.decidedAt,
        });
        if (outcome.status === 'sent') return true;
        log.info(
          { ...context, reason: outcome.reason },
          'review result falls back to email and SMS',
        );
        return false;
      } catch (error) {
        // The result must still reach the applicant: email and SMS take over.
        log.error(
          { ...context, err: error },
          'review result not sent through WeChat; falling back',
        );
        return false;
      }
    },
  };
}
