/**
 * Checks the build sizes after `npm run build` (run by `npm test`). It fails when the
 * mini-program's main package (miniapp/dist/weapp without source maps) reaches 1.5 MB,
 * because WeChat rejects a main package over 2 MB. It also prints the gzipped JavaScript
 * that the website's home page loads, measured in Chromium: the page is served from
 * miniapp/dist/h5 on 127.0.0.1 and every script fetched before the network goes quiet counts.
 *
 * Environment: UCZ_WEAPP_DIR and UCZ_H5_DIR override the folders, CHROMIUM_PATH the browser
 * (default /usr/bin/chromium), and SIZE_REPORT_FILE names a JSON file for the figures.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import zlib from 'node:zlib';
import { launchChromium } from '../test/support/browser';
import { repositoryRoot } from '../test/support/server';

// Relative folders are taken from the repository root.
const weappDir = path.resolve(repositoryRoot, process.env.UCZ_WEAPP_DIR ?? 'miniapp/dist/weapp');
const h5Dir = path.resolve(repositoryRoot, process.env.UCZ_H5_DIR ?? 'miniapp/dist/h5');
const weappLimitBytes = 1.5 * 1024 * 1024;

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

function filesUnder(folder: string): string[] {
  return fs.readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

function requireBuild(folder: string, marker: string, command: string): void {
  if (!fs.existsSync(path.join(folder, marker))) {
    throw new Error(`No build in ${folder} (${marker} is missing). Run \`${command}\` first.`);
  }
}

/** Returns the size of the weapp main package as uploaded: every file but source maps. */
function weappPackageBytes(): number {
  requireBuild(weappDir, 'app.json', 'npm run build:weapp -w miniapp');
  return filesUnder(weappDir)
    .filter((file) => !file.endsWith('.map'))
    .reduce((sum, file) => sum + fs.statSync(file).size, 0);
}

/** Serves the h5 build as the backend does: files as they are, and index.html for routes. */
function serveWebsite(): Promise<http.Server> {
  const server = http.createServer((request, response) => {
    const urlPath = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    const candidate = path.resolve(h5Dir, `.${urlPath}`);
    const insideBuild = candidate.startsWith(h5Dir + path.sep);
    const file =
      insideBuild && fs.existsSync(candidate) && fs.statSync(candidate).isFile()
        ? candidate
        : path.join(h5Dir, 'index.html');
    if (urlPath.startsWith('/api/')) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{}');
      return;
    }
    response.writeHead(200, {
      'content-type': contentTypes[path.extname(file)] ?? 'application/octet-stream',
    });
    fs.createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

interface FirstLoad {
  scripts: number;
  rawBytes: number;
  gzipBytes: number;
}

/** Opens the home page in Chromium and adds up the scripts it fetched. */
async function h5FirstLoad(): Promise<FirstLoad> {
  requireBuild(h5Dir, 'index.html', 'npm run build:h5 -w miniapp');
  const server = await serveWebsite();
  const { port } = server.address() as AddressInfo;
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    // Nothing but the local server may be reached.
    await page.route(
      (url) => url.hostname !== '127.0.0.1',
      (route) => route.abort(),
    );
    const scripts = new Map<string, Buffer>();
    page.on('response', (response) => {
      if (response.request().resourceType() !== 'script') return;
      void response.body().then(
        (body) => scripts.set(response.url(), body),
        () => undefined,
      );
    });
    await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'networkidle', timeout: 60_000 });
    const bodies = [...scripts.values()];
    return {
      scripts: bodies.length,
      rawBytes: bodies.reduce((sum, body) => sum + body.length, 0),
      gzipBytes: bodies.reduce((sum, body) => sum + zlib.gzipSync(body, { level: 9 }).length, 0),
    };
  } finally {
    await browser.close();
    server.close();
  }
}

async function main(): Promise<void> {
  const weappBytes = weappPackageBytes();
  console.log(
    `weapp main package: ${kib(weappBytes)} (limit ${kib(weappLimitBytes)}; WeChat refuses 2 MB)`,
  );
  const firstLoad = await h5FirstLoad();
  console.log(
    `h5 first-load JavaScript: ${kib(firstLoad.gzipBytes)} gzip (${kib(firstLoad.rawBytes)} raw, ${firstLoad.scripts} scripts)`,
  );
  if (process.env.SIZE_REPORT_FILE) {
    fs.writeFileSync(
      process.env.SIZE_REPORT_FILE,
      `${JSON.stringify({ weappBytes, weappLimitBytes, h5FirstLoad: firstLoad }, null, 2)}\n`,
    );
  }
  if (weappBytes >= weappLimitBytes) {
    console.error(
      `The weapp main package is ${kib(weappBytes)}, over the ${kib(weappLimitBytes)} limit. ` +
        'Move pages into a subpackage or trim dependencies.',
    );
    process.exitCode = 1;
  }
  if (firstLoad.scripts === 0) {
    console.error('The home page loaded no scripts; the h5 build looks broken.');
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
