import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';

const indexHtml = '<!doctype html><html><body><div id="app"></div></body></html>';
const appScript = 'console.log("website");';

let site: string;
let t: TestApp;

beforeAll(async () => {
  site = fs.mkdtempSync(path.join(os.tmpdir(), 'ucz-site-'));
  fs.mkdirSync(path.join(site, 'js'));
  fs.writeFileSync(path.join(site, 'index.html'), indexHtml);
  fs.writeFileSync(path.join(site, 'js', 'app.1a2b3c4d.js'), appScript);
  fs.writeFileSync(path.join(site, 'robots.txt'), 'User-agent: *\n');
  t = await startTestApp({ env: { WEBSITE_DIR: site } });
});

afterAll(async () => {
  await t.close();
  fs.rmSync(site, { recursive: true, force: true });
});

describe('static website', () => {
  it('serves index.html at the root, revalidated on every visit', async () => {
    const response = await t.api.get('/');
    expect(response.status).toBe(200);
    expect(response.type).toBe('text/html');
    expect(response.text).toBe(indexHtml);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-security-policy']).toContain("script-src 'self'");
  });

  it('answers page paths with index.html for the browser router', async () => {
    for (const page of ['/certification', '/progress', '/pages/certification/index']) {
      const response = await t.api.get(page);
      expect([page, response.status, response.text]).toEqual([page, 200, indexHtml]);
      expect(response.headers['cache-control']).toBe('no-cache');
    }
  });

  it('caches hashed assets for a year', async () => {
    const response = await t.api.get('/js/app.1a2b3c4d.js');
    expect(response.status).toBe(200);
    expect(response.text).toBe(appScript);
    expect(response.headers['cache-control']).toBe('max-age=31536000,immutable');
  });

  it('serves other files without long caching', async () => {
    const response = await t.api.get('/robots.txt');
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it('answers HEAD like GET without a body', async () => {
    const response = await t.api.head('/progress');
    expect(response.status).toBe(200);
    expect(response.headers['content-length']).toBe(String(indexHtml.length));
  });

  it('returns the JSON 404 for a missing asset', async () => {
    const response = await t.api.get('/js/missing.9f9f9f9f.js');
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('request.not_found');
  });

  it('leaves unknown API and simulator paths to the backend', async () => {
    for (const backendPath of ['/api/no-such-route', '/api', '/simulator/no-such-page']) {
      const response = await t.api.get(backendPath);
      expect([backendPath, response.status]).toEqual([backendPath, 404]);
      expect(response.text).not.toContain('<div id="app">');
    }
  });

  it('serves pages only to GET and HEAD', async () => {
    const response = await t.api.post('/certification').send({});
    expect(response.status).toBe(404);
    expect(response.text).not.toContain('<div id="app">');
  });

  it('serves nothing outside the website folder', async () => {
    fs.writeFileSync(path.join(path.dirname(site), `${path.basename(site)}-secret.txt`), 'secret');
    for (const attempt of [
      `/../${path.basename(site)}-secret.txt`,
      `/%2e%2e/${path.basename(site)}-secret.txt`,
    ]) {
      const response = await t.api.get(attempt);
      expect([attempt, response.text.includes('secret')]).toEqual([attempt, false]);
    }
    fs.rmSync(path.join(path.dirname(site), `${path.basename(site)}-secret.txt`));
  });
});
