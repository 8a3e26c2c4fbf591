import fs from 'node:fs';
import path from 'node:path';

const repositoryRoot = path.resolve(__dirname, '..', '..', '..');

/**
 * The weapp build under test: UCZ_WEAPP_DIR (a relative path is taken from the
 * repository root), by default miniapp/dist/weapp, the folder `npm run build:weapp -w
 * miniapp` writes.
 */
export const weappDir = path.resolve(
  repositoryRoot,
  process.env.UCZ_WEAPP_DIR ?? path.join('miniapp', 'dist', 'weapp'),
);

/**
 * The origin that the build baked in as UCZ_API_BASE (see miniapp/config/index.ts). The
 * tests read it from the same variable, so set it to the value used for the build.
 */
export const bakedApiOrigin = process.env.UCZ_API_BASE ?? 'http://127.0.0.1:3000';

/** Throws unless `weappDir` contains a weapp build, naming the command that makes one. */
export function assertWeappBuilt(): void {
  const missing = ['app.js', 'app.json', 'base.wxml'].filter(
    (file) => !fs.existsSync(path.join(weappDir, file)),
  );
  if (missing.length > 0)
    throw new Error(
      `No weapp build in ${weappDir} (missing ${missing.join(', ')}). ` +
        'Run `npm run build:weapp -w miniapp` first, or set UCZ_WEAPP_DIR to a weapp build folder.',
    );
}
