/** Result of wx.requestSubscribeMessage for one template; only `accept` allows a message. */
export type SubscribeResult = 'accept' | 'reject' | 'ban' | 'filter';

/** Results per template id. */
export type SubscribeResults = Record<string, SubscribeResult>;

/**
 * Subscribe-message requests of one platform, implemented by subscribe.weapp.ts and
 * subscribe.h5.ts. Taro picks the file of the platform it builds for, while TypeScript
 * and Jest check and run the website's.
 */
export interface SubscribeRequester {
  /** False where no WeChat can ask the user; pages then offer no subscription. */
  available: boolean;
  /**
   * Asks the user to allow one message per template. WeChat shows its dialog only when
   * this runs synchronously inside a tap handler, so the handler must call it before
   * its first `await`. Resolves to the results per template id (empty when the user was
   * not asked) and never rejects.
   */
  request(templateIds: string[]): Promise<SubscribeResults>;
}
