import type { SubscribeRequester } from './subscribe.types';

/**
 * On the website no WeChat can ask the user, and the simulator offers no stand-in for
 * subscribe grants, so nothing is requested and pages offer no subscription.
 */
export const subscribeRequester: SubscribeRequester = {
  available: false,
  request: () => Promise.resolve({}),
};
