import fs from 'node:fs';
import path from 'node:path';
import { send } from '@koa/send';
import type { Middleware } from 'koa';
import type { Logger } from '../logger';
import type { AppState } from './context';

/** Path prefixes that belong to the backend, never to the website. */
const backendPrefixes = ['/api', '/simulator'];

/** Build output folders whose file names carry a content hash, so they never change. */
const hashedFolders = ['/js/', '/css/', '/static/'];

const oneYearMs = 365 * 24 * 60 * 60 * 1000;

function isBackendPath(requestPath: string): boolean {
  return backendPrefixes.some(
    (prefix) => requestPath === prefix || requestPath.startsWith(`${prefix}/`),
  );
}

/** Tells whether a path is a page of the single-page app: no file extension in its last segment. */
function looksLikePage(requestPath: string): boolean {
  const lastSegment = requestPath.slice(requestPath.lastIndexOf('/') + 1);
  return !lastSegment.includes('.');
}

function isNotFound(error: unknown): boolean {
  const status = (error as { status?: unknown }).status;
  const code = (error as { code?: unknown }).code;
  return status === 404 || code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * Serves the built website from `root` after the API routes. Hashed assets are cached
 * for a year and everything else is revalidated. Any other GET of a page path gets
 * index.html, so the browser router can show that page. Paths under /api and /simulator
 * are left to the backend, so an unknown one stays a JSON 404.
 */
export function staticSite({
  root,
  logger,
}: {
  root: string;
  logger: Logger;
}): Middleware<AppState> {
  const indexFile = path.join(root, 'index.html');
  if (!fs.existsSync(indexFile)) {
    logger.warn(
      { root },
      'website build not found; run `npm run build -w miniapp` to serve the website',
    );
  }

  return async (ctx, next) => {
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || isBackendPath(ctx.path)) return next();

    const immutable = hashedFolders.some((folder) => ctx.path.startsWith(folder));
    try {
      await send(ctx, ctx.path, {
        root,
        index: 'index.html',
        maxage: immutable ? oneYearMs : 0,
        immutable,
        setHeaders: (res) => {
          if (!immutable) res.setHeader('Cache-Control', 'no-cache');
        },
      });
      return;
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }

    if (!looksLikePage(ctx.path) || !fs.existsSync(indexFile)) return next();
    await send(ctx, 'index.html', {
      root,
      setHeaders: (res) => res.setHeader('Cache-Control', 'no-cache'),
    });
  };
}
