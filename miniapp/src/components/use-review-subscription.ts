import { useCallback, useEffect, useMemo, useState } from 'react';
import { createAccountCentreApi } from '@/api/account-centre';
import type { AccountCentreApi } from '@/api/account-centre';
import { useI18n } from '@/i18n/i18n';
import { subscribeRequester } from '@/platform/subscribe';

/** Outcome of a subscribe tap: counted by the server, declined by the user, or not possible. */
export type SubscribeOutcome = 'accepted' | 'declined' | 'unavailable';

/** Creates a report id. It is only a dedupe key for the server, so it needs no cryptographic randomness. */
function newReportId(): string {
  return `r${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;
}

/**
 * Offers the review-result subscribe message (审核结果通知). The template id is fetched
 * when the page loads, because the tap itself must reach wx.requestSubscribeMessage
 * before any `await`. `requestInTap` makes that call synchronously and then reports the
 * results to the server. `available` is false on the website and while no template is
 * configured.
 */
export function useReviewSubscription(api: AccountCentreApi) {
  const [templateId, setTemplateId] = useState<string>();

  useEffect(() => {
    if (!subscribeRequester.available) return undefined;
    let active = true;
    api
      .subscribeTemplates()
      .then((templates) => {
        if (active) setTemplateId(templates.reviewResult);
      })
      .catch((error: unknown) => {
        // Without the template id the tap offers no subscription; the result still goes by email or SMS.
        console.warn('subscribe templates could not be loaded', error);
      });
    return () => {
      active = false;
    };
  }, [api]);

  /** Call first in a tap handler, before any `await`. Never rejects. */
  const requestInTap = useCallback((): Promise<SubscribeOutcome> => {
    if (!templateId) return Promise.resolve('unavailable');
    const asked = subscribeRequester.request([templateId]);
    return asked
      .then(async (results): Promise<SubscribeOutcome> => {
        if (Object.keys(results).length === 0) return 'unavailable';
        // NOTE: the report needs an account or WeChat-login session, so a first-time
        // applicant's grant from the wizard's 提交 is not counted and the result goes by email.
        await api.reportSubscribeResults(results, newReportId());
        return results[templateId] === 'accept' ? 'accepted' : 'declined';
      })
      .catch((error: unknown) => {
        console.warn('subscribe results could not be reported', error);
        return 'unavailable' as const;
      });
  }, [api, templateId]);

  return { available: templateId !== undefined, requestInTap };
}

/** useReviewSubscription with its own API client, for components that have none. */
export function useReviewSubscriptionClient() {
  const { t } = useI18n();
  const api = useMemo(() => createAccountCentreApi(t('common.networkError')), [t]);
  return useReviewSubscription(api);
}
