/** A subscribe-message or template-message template that a fake app owns. */
export interface FakeTemplate {
  templateId: string;
  /**
   * Data keys of the template, such as `thing1` or `time3`. For subscribe messages the
   * key's prefix is its field type, which decides the value rules, as on WeChat.
   */
  keys: string[];
}

/** One WeChat app that the fake server serves: a mini-program or an official account. */
export interface FakeWechatApp {
  appid: string;
  secret: string;
  /** Bound to an Open Platform account: only then does code2Session return a unionid. */
  unionBound: boolean;
  /** Defaults to `miniprogram`. */
  kind?: 'miniprogram' | 'official_account';
  /** Pages of the mini-program; getwxacodeunlimit with check_path rejects others (41030). */
  pages?: string[];
  templates?: FakeTemplate[];
  /** Official account: the token that signs message pushes. */
  pushToken?: string;
  /** Official account: its original id (gh_…), the ToUserName of its pushes. */
  originalId?: string;
}

/** A request as the fake's API handlers see it. */
export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: Buffer;
}

/** A reply of a fake API handler. */
export interface FakeReply {
  status: number;
  contentType: string;
  body: string | Buffer;
}

/** Builds a JSON reply with HTTP 200, which WeChat returns for errors and successes alike. */
export function jsonReply(value: object): FakeReply {
  return {
    status: 200,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify(value),
  };
}

/** Builds a WeChat error reply; `rid` imitates the request id WeChat appends to errmsg. */
export function errorReply(errcode: number, errmsg: string): FakeReply {
  const rid = Math.random().toString(16).slice(2, 10);
  return jsonReply({ errcode, errmsg: `${errmsg} rid: ${rid}` });
}

/** Parses a JSON request body; undefined when it is not a JSON object. */
export function jsonBody(request: FakeRequest): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(request.body.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Builds WeChat's reply to a request body that is not JSON. */
export const malformedJsonReply = (): FakeReply => errorReply(47001, 'data format error');
