import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { repositoryRoot } from './server';

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Screenshots of each step: artifacts/e2e/<NN>-<step>.png (artifacts/ is not tracked). */
export const screenshotDir = path.join(repositoryRoot, 'artifacts', 'e2e');

/** Starts Debian's Chromium headless, with everything that would call outside switched off. */
export function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(
      `No Chromium at ${chromiumPath}; install Debian's chromium or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-default-apps',
    ],
  });
}

/** Requests to anything but 127.0.0.1 that a page attempted; the test fails on any. */
export const outsideRequests: string[] = [];

function isOutside(url: URL): boolean {
  const network = ['http:', 'https:', 'ws:', 'wss:'].includes(url.protocol);
  return network && url.hostname !== '127.0.0.1';
}

/**
 * Opens a browser context (its own cookies and storage: one person's browser) in
 * Chinese, in which every request to another host is blocked and recorded.
 */
export async function openContext(
  browser: Browser,
  options: BrowserContextOptions = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  context.setDefaultTimeout(20_000);
  context.setDefaultNavigationTimeout(30_000);
  await context.route(isOutside, (route) => route.abort('blockedbyclient'));
  context.on('request', (request) => {
    if (isOutside(new URL(request.url()))) outsideRequests.push(request.url());
  });
  return context;
}

/** Opens a phone: a small touch screen for the mini-program pages that the website also serves. */
export function openPhone(browser: Browser): Promise<BrowserContext> {
  return openContext(browser, {
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
}

let shots = 0;
export const screenshots: string[] = [];

/** Saves a full-page screenshot of `page` as the next numbered step. */
export async function snap(page: Page, step: string): Promise<void> {
  shots += 1;
  const file = path.join(screenshotDir, `${String(shots).padStart(2, '0')}-${step}.png`);
  await page.screenshot({ path: file, fullPage: true, timeout: 20_000 });
  screenshots.push(path.relative(repositoryRoot, file));
}

/** Empties the screenshot folder before a run, so that it shows this run only. */
export function clearScreenshots(): void {
  fs.rmSync(screenshotDir, { recursive: true, force: true });
  fs.mkdirSync(screenshotDir, { recursive: true });
}
