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
