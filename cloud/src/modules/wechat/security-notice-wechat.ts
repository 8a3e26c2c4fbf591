import type { Logger } from '../../logger';
import type { SecurityNoticeWechat } from '../auth/password-notices';
import type { WechatBindings } from './bindings';
import type { WechatNotifier } from './wechat-notifier';

/**
 * Creates the WeChat channel of the security notices about passwords: a subscribe
 * message (security notice template) to the WeChat user bound to the account, opening
 * the mini-program's profile page.
 */
export function createSecurityNoticeWechat(deps: {
  bindings: WechatBindings;
  notifier: WechatNotifier;
  profilePage: string;
  logger: Logger;
}): SecurityNoticeWechat {
  const log = deps.logger.child({ component: 'wechat-security-notices' });

  return {
    async send(input) {
      const context = { event: input.event, accountId: input.accountId };
      try {
        const binding = await deps.bindings.ofAccount(input.accountId);
        if (!binding) return false;

        const outcome = await deps.notifier.sendSecurityNotice({
          identityId: binding.identityId,
          dedupeKey: input.dedupeKey,
          event: input.event,
          occurredAt: input.occurredAt,
          account: input.username,
          page: deps.profilePage,
        });
        if (outcome.status === 'sent') return true;
        log.info(
          { ...context, identityId: binding.identityId, reason: outcome.reason },
          'security notice not sent through WeChat',
        );
        return false;
      } catch (error) {
        // Email and SMS still carry the notice.
        log.error({ ...context, err: error }, 'security notice not sent through WeChat');
        return false;
      }
    },
  };
}
