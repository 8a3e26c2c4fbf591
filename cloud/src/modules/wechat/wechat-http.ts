import { z } from 'zod';
import type { Logger } from '../../logger';
import { WechatApiError, WechatTransportError } from './wechat-errors';

/** A reply of the WeChat API: JSON, or image bytes for the mini-program code APIs. */
export type WechatReply =
  { kind: 'json'; body: unknown } | { kind: 'image'; contentType: string; bytes: Buffer };

export interface WechatHttpRequest {
  method: 'GET' | 'POST';
  path: string;
  /** Query parameters; their values never reach the logs (they carry secrets, codes and tokens). */
  query?: Record<string, string>;
  json?: unknown;
}

export type WechatHttp = (api: string, request: WechatHttpRequest) => Promise<WechatReply>;

const errorReplySchema = z.object({ errcode: z.number().int(), errmsg: z.string().optional() });

/**
 * Creates the HTTP layer of the WeChat client. WeChat returns HTTP 200 for failures too,
 * with `{errcode, errmsg}`; a non-zero errcode becomes a WechatApiError. An image
 * Content-Type is returned as bytes; everything else must be JSON, whatever its label.
 */
export function createWechatHttp(deps: {
  baseUrl: string;
  timeoutMs: number;
  logger: Logger;
  fetch?: typeof fetch;
}): WechatHttp {
  const fetchImpl = deps.fetch ?? fetch;
  const log = deps.logger.child({ component: 'wechat-http' });

  return async (api, request) => {
    const url = new URL(request.path, deps.baseUrl);
    for (const [name, value] of Object.entries(request.query ?? {}))
      url.searchParams.set(name, value);

    const started = performance.now();
    let response: Response;
    try {
      response = await fetchImpl(url, {
        method: request.method,
        ...(request.json !== undefined
          ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(request.json) }
          : {}),
        signal: AbortSignal.timeout(deps.timeoutMs),
      });
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      throw new WechatTransportError(
        api,
        timedOut ? `timed out after ${deps.timeoutMs} ms` : 'request failed',
        {
          cause: error,
        },
      );
    }
    const bytes = Buffer.from(await response.arrayBuffer());
    const ms = Math.round(performance.now() - started);
    if (response.status !== 200) {
      throw new WechatTransportError(api, `unexpected HTTP status ${response.status}`);
    }

    const contentType = response.headers.get('content-type') ?? '';
    if (contentType.toLowerCase().startsWith('image/')) {
      log.debug({ api, path: request.path, ms, bytes: bytes.length }, 'WeChat returned an image');
      return { kind: 'image', contentType, bytes };
    }

    let body: unknown;
    try {
      body = JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      throw new WechatTransportError(
        api,
        `reply is neither JSON nor an image (Content-Type "${contentType}")`,
        {
          cause: error,
        },
      );
    }
    const failure = errorReplySchema.safeParse(body);
    if (failure.success && failure.data.errcode !== 0) {
      log.debug(
        { api, path: request.path, ms, errcode: failure.data.errcode },
        'WeChat returned an errcode',
      );
      throw new WechatApiError(api, failure.data.errcode, failure.data.errmsg ?? '');
    }
    log.debug({ api, path: request.path, ms }, 'WeChat call succeeded');
    return { kind: 'json', body };
  };
}

/** Parses a JSON reply with `schema`; anything else is a WechatTransportError. */
export function parseJsonReply<T extends z.ZodType>(
  api: string,
  reply: WechatReply,
  schema: T,
): z.output<T> {
  if (reply.kind !== 'json')
    throw new WechatTransportError(api, `expected JSON, got ${reply.contentType}`);
  const parsed = schema.safeParse(reply.body);
  if (!parsed.success) {
    throw new WechatTransportError(
      api,
      `reply does not match the protocol: ${z.prettifyError(parsed.error)}`,
    );
  }
  return parsed.data;
}
