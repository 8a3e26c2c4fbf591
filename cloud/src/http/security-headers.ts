import helmet from 'koa-helmet';
import type { Middleware } from 'koa';

/**
 * Sets the standard security headers through helmet. The content security policy
 * allows only same-origin scripts, styles, images and connections, plus data: and
 * blob: images for upload previews.
 */
export function securityHeaders(): Middleware {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: true,
      directives: {
        'img-src': ["'self'", 'data:', 'blob:'],
        'connect-src': ["'self'"],
        'upgrade-insecure-requests': null,
      },
    },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: false,
  }) as Middleware;
}

/**
 * Marks API responses as not to be stored by browsers or proxies, because most of them
 * contain one person's data. A route that sets its own Cache-Control keeps it.
 */
export function apiNoStore(): Middleware {
  return async (ctx, next) => {
    await next();
    if (ctx.path.startsWith('/api/') && !ctx.response.get('Cache-Control')) {
      ctx.set('Cache-Control', 'no-store');
    }
  };
}
