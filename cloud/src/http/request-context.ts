import { randomUUID } from 'node:crypto';
import { negotiateLocale, isLocale } from '@ucz/shared';
import type { Middleware } from 'koa';
import type { Logger } from '../logger';
import type { AppState } from './context';
import { clientIpOf } from './client-ip';

const incomingRequestId = /^[A-Za-z0-9._-]{8,64}$/u;

/**
 * Sets the request id (kept from a well-formed `X-Request-Id`, else new), the user's
 * language, the client address and a child logger, then writes one access-log line.
 */
export function requestContext(
  logger: Logger,
  trustedProxies: readonly string[],
): Middleware<AppState> {
  return async (ctx, next) => {
    const headerId = ctx.get('x-request-id');
    const requestId = incomingRequestId.test(headerId) ? headerId : randomUUID();
    const queryLang = typeof ctx.query.lang === 'string' ? ctx.query.lang : undefined;

    ctx.state.requestId = requestId;
    ctx.state.locale = isLocale(queryLang)
      ? queryLang
      : negotiateLocale(ctx.get('accept-language'));
    ctx.state.clientIp = clientIpOf(
      ctx.req.socket.remoteAddress,
      ctx.get('x-forwarded-for'),
      trustedProxies,
    );
    ctx.state.log = logger.child({ reqId: requestId });
    ctx.set('X-Request-Id', requestId);

    const started = process.hrtime.bigint();
    try {
      await next();
    } finally {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      ctx.state.log.info(
        {
          method: ctx.method,
          path: ctx.path,
          status: ctx.status,
          ms: Math.round(ms * 10) / 10,
          ip: ctx.state.clientIp,
        },
        'request completed',
      );
    }
  };
}
