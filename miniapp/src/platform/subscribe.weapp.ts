import Taro from '@tarojs/taro';
import type { SubscribeRequester, SubscribeResult, SubscribeResults } from './subscribe.types';

const knownResults: readonly string[] = ['accept', 'reject', 'ban', 'filter'];

/** Returns the results of the requested templates, leaving out the response's `errMsg`. */
function resultsOf(response: Record<string, unknown>, templateIds: string[]): SubscribeResults {
  const results: SubscribeResults = {};
  for (const templateId of templateIds) {
    const result = response[templateId];
    if (typeof result === 'string' && knownResults.includes(result))
      results[templateId] = result as SubscribeResult;
  }
  return results;
}

/** In WeChat, wx.requestSubscribeMessage shows the dialog. */
export const subscribeRequester: SubscribeRequester = {
  available: true,
  request(templateIds) {
    if (templateIds.length === 0) return Promise.resolve({});
    // Taro 4.2's type requires `entityIds`, which only Alipay reads; WeChat takes tmplIds alone.
    const options = { tmplIds: templateIds } as Taro.requestSubscribeMessage.Option;
    return Taro.requestSubscribeMessage(options).then(
      (response) => resultsOf(response as Record<string, unknown>, templateIds),
      (error: unknown) => {
        // The user closed the dialog or WeChat refused the call (such as 20004, all
        // subscriptions switched off): the messages go by email or SMS instead.
        console.warn('wx.requestSubscribeMessage failed', error);
        return {};
      },
    );
  },
};
