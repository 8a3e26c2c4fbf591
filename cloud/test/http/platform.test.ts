import { startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';

describe('HTTP platform', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  it('answers liveness and readiness', async () => {
    await t.api.get('/healthz').expect(200, { status: 'ok' });
    await t.api.get('/readyz').expect(200, { status: 'ok' });
  });

  it('sets a request id and keeps a well-formed incoming one', async () => {
    const fresh = await t.api.get('/healthz');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);

    const kept = await t.api.get('/healthz').set('X-Request-Id', 'trace-12345678');
    expect(kept.headers['x-request-id']).toBe('trace-12345678');

    const replaced = await t.api.get('/healthz').set('X-Request-Id', 'bad id with spaces');
    expect(replaced.headers['x-request-id']).not.toBe('bad id with spaces');
  });

  it('sends security headers', async () => {
    const response = await t.api.get('/healthz');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['x-powered-by']).toBeUndefined();
  });

  it('keeps API answers out of caches', async () => {
    const found = await t.api.get('/api/certification/agreement').expect(200);
    expect(found.headers['cache-control']).toBe('no-store');
    const refused = await t.api.get('/api/account/notifications').expect(401);
    expect(refused.headers['cache-control']).toBe('no-store');
    const page = await t.api.get('/healthz');
    expect(page.headers['cache-control']).not.toBe('no-store');
  });

  it('answers an unknown path with a localised 404', async () => {
    const zh = await t.api.get('/api/nothing-here').expect(404);
    expect(zh.body.error).toMatchObject({
      code: 'request.not_found',
      message: '请求的内容不存在。',
    });
    expect(zh.body.error.requestId).toBe(zh.headers['x-request-id']);

    const hk = await t.api.get('/api/nothing-here').set('Accept-Language', 'zh-HK').expect(404);
    expect(hk.body.error.message).toBe('請求的內容不存在。');

    const en = await t.api
      .get('/api/nothing-here')
      .set('Accept-Language', 'en-US,en;q=0.9')
      .expect(404);
    expect(en.body.error.message).toBe('The requested item does not exist.');
  });

  it('answers a wrong method with a JSON 405', async () => {
    const post = await t.api.post('/healthz').expect(405);
    expect(post.body.error.code).toBe('request.method_not_allowed');
    expect(post.body.error.message).toBe('该地址不支持此请求方法。');

    const trace = await t.api.trace('/healthz').expect(405);
    expect(trace.headers['content-type']).toMatch(/^application\/json/);
    expect(trace.body.error.code).toBe('request.method_not_allowed');
  });

  it('names missing fields by their label', async () => {
    const response = await t.api.post('/api/certification/drafts').send({}).expect(400);
    const messages = response.body.error.fields.map((field: { message: string }) => field.message);
    expect(messages).toContain('请填写我已阅读并同意以上协议。');
    for (const message of messages) expect(message).not.toMatch(/[a-z]{4,}/);
  });

  it('rejects malformed JSON with a 400 instead of a 500', async () => {
    const response = await t.api
      .post('/api/certification/drafts')
      .set('Content-Type', 'application/json')
      .send('{"agreementVersion":');
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('request.invalid');
  });

  it('serves an OpenAPI 3 document built from the route schemas', async () => {
    const response = await t.api.get('/api/openapi.json').expect(200);
    expect(response.body.openapi).toBe('3.0.3');
    expect(response.body.paths['/healthz'].get.summary).toBe('Liveness check');
    const paths = Object.keys(response.body.paths);
    expect(paths).toEqual(
      expect.arrayContaining(['/api/certification/drafts', '/api/review/login']),
    );
    for (const path of paths) {
      expect(path).not.toMatch(/:\w+/);
    }
  });
});
