/** Errcodes that mean the access token is invalid or expired: refetch it once and retry. */
export const accessTokenErrcodes: ReadonlySet<number> = new Set([40001, 40014, 42001]);

/** WeChat answered with a non-zero errcode (on HTTP 200, as its APIs do). */
export class WechatApiError extends Error {
  constructor(
    /** API name such as `code2Session`. */
    readonly api: string,
    readonly errcode: number,
    /** WeChat's errmsg; it names the problem (and a request id), never our secrets. */
    readonly errmsg: string,
  ) {
    super(`WeChat ${api} failed with errcode ${errcode}: ${errmsg}`);
    this.name = 'WechatApiError';
  }
}

/** WeChat could not be reached, timed out, or answered something that is not its protocol. */
export class WechatTransportError extends Error {
  constructor(
    readonly api: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`WeChat ${api}: ${message}`, options);
    this.name = 'WechatTransportError';
  }
}

/** A request the client does not send because WeChat would reject it, such as a 33-character scene. */
export class WechatRequestError extends Error {
  constructor(
    readonly api: string,
    message: string,
  ) {
    super(`WeChat ${api}: ${message}`);
    this.name = 'WechatRequestError';
  }
}
