import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import supertest from 'supertest';
import { ApiRouter } from '../../src/http/api-router';
import type { AppState } from '../../src/http/context';
import { errorHandler } from '../../src/http/error-handler';
import { OpenApiRegistry } from '../../src/http/openapi';
import { requestContext } from '../../src/http/request-context';
import { staffModel } from '../../src/modules/staff/staff.model';
import { staffSessionModel } from '../../src/modules/staff/staff-session.model';
import { createReviewer } from '../../src/modules/staff/staff-accounts';
import { startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';
import { staffPassword } from './review-fixtures';

const hour = 3_600_000;

describe('staff login', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ now: new Date('2026-03-02T02:00:00Z') });
    await createReviewer(
      { db: t.database.db, hasher: t.services.passwordHasher },
      { username: 'Alice.Reviewer', name: 'Alice Wong', password: staffPassword },
    );
  });

  afterAll(async () => {
    await t.close();
  });

  function login(username: string, password: string) {
    return t.api.post('/api/review/login').send({ username, password });
  }

  it('returns a token, its expiry and the staff member', async () => {
    const response = await login('alice.reviewer', staffPassword).expect(200);

    expect(response.body.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(response.body.expiresAt).toBe(
      new Date(t.clock.now().getTime() + 8 * hour).toISOString(),
    );
    expect(response.body.staff).toEqual({
      username: 'Alice.Reviewer',
      name: 'Alice Wong',
      role: 'reviewer',
    });
    expect(response.headers['cache-control']).toBe('no-store');

    await t.api
      .get('/api/review/applications')
      .set('Authorization', `Bearer ${response.body.token}`)
      .expect(200);
  });

  it('stores only a hash of the token', async () => {
    const response = await login('Alice.Reviewer', staffPassword).expect(200);
    const sessions = await staffSessionModel(t.database.db).find().lean();
    const stored = JSON.stringify(sessions);

    expect(sessions.length).toBeGreaterThan(0);
    expect(stored).not.toContain(response.body.token);
  });

  it('gives the same answer for unknown user and wrong password', async () => {
    const unknown = await login('nobody', staffPassword);
    const wrong = await login('Alice.Reviewer', 'Wrong@Password1');

    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    expect(unknown.body.error.code).toBe('auth.invalid_credentials');
    expect(wrong.body.error.code).toBe('auth.invalid_credentials');
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
    expect(Object.keys(unknown.body.error).sort()).toEqual(Object.keys(wrong.body.error).sort());
  });

  it('gives the same answer for a disabled account', async () => {
    await createReviewer(
      { db: t.database.db, hasher: t.services.passwordHasher },
      { username: 'disabled.one', name: 'Disabled', password: staffPassword },
    );
    await staffModel(t.database.db).updateOne(
      { username: 'disabled.one' },
      { $set: { status: 'disabled' } },
    );

    const response = await login('disabled.one', staffPassword).expect(401);
    expect(response.body.error.code).toBe('auth.invalid_credentials');
  });

  it('rejects a missing password as invalid input', async () => {
    const response = await t.api
      .post('/api/review/login')
      .send({ username: 'Alice.Reviewer' })
      .expect(400);
    expect(response.body.error.fields).toEqual([
      expect.objectContaining({ field: 'password', code: 'required' }),
    ]);
  });

  it('locks the account for 15 minutes after 5 wrong passwords', async () => {
    await createReviewer(
      { db: t.database.db, hasher: t.services.passwordHasher },
      { username: 'locked.one', name: 'Locked', password: staffPassword },
    );
    for (let attempt = 0; attempt < 5; attempt += 1)
      await login('locked.one', 'Wrong@Password1').expect(401);

    const whileLocked = await login('locked.one', staffPassword).expect(401);
    expect(whileLocked.body.error.code).toBe('auth.invalid_credentials');

    t.clock.advance(15 * 60_000 + 1);
    await login('locked.one', staffPassword).expect(200);
  });

  it('ends the session at expiry', async () => {
    const { body } = await login('Alice.Reviewer', staffPassword).expect(200);
    const auth = `Bearer ${body.token}`;

    t.clock.advance(8 * hour - 1000);
    await t.api.get('/api/review/applications').set('Authorization', auth).expect(200);
    t.clock.advance(1000);
    const expired = await t.api
      .get('/api/review/applications')
      .set('Authorization', auth)
      .expect(401);
    expect(expired.body.error.code).toBe('auth.unauthenticated');
  });

  it('ends the session at logout', async () => {
    const { body } = await login('Alice.Reviewer', staffPassword).expect(200);
    const auth = `Bearer ${body.token}`;

    await t.api.post('/api/review/logout').set('Authorization', auth).expect(204);
    await t.api.get('/api/review/applications').set('Authorization', auth).expect(401);
    await t.api.post('/api/review/logout').set('Authorization', auth).expect(204);
  });

  it('ends every session when the session version rises', async () => {
    const { body } = await login('Alice.Reviewer', staffPassword).expect(200);
    await staffModel(t.database.db).updateOne(
      { username: 'Alice.Reviewer' },
      { $inc: { sessionVersion: 1 } },
    );

    await t.api
      .get('/api/review/applications')
      .set('Authorization', `Bearer ${body.token}`)
      .expect(401);
  });

  it('sweeps expired sessions', async () => {
    await login('Alice.Reviewer', staffPassword).expect(200);
    t.clock.advance(9 * hour);

    const removed = await t.services.review.staffAuth.sweepExpiredSessions();
    expect(removed).toBeGreaterThan(0);
    const left = await staffSessionModel(t.database.db).countDocuments({
      expiresAt: { $lte: t.clock.now() },
    });
    expect(left).toBe(0);
  });

  it.each([
    ['no header', undefined],
    ['an unknown token', 'Bearer not-a-real-token'],
    ['another scheme', 'Basic YWxpY2U6c2VjcmV0'],
  ])('answers 401 for %s', async (_case, header) => {
    const request = t.api.get('/api/review/applications');
    if (header) request.set('Authorization', header);
    const response = await request.expect(401);

    expect(response.body.error.code).toBe('auth.unauthenticated');
    expect(response.headers['www-authenticate']).toBe('Bearer');
  });

  it('requires a staff session on every review route', async () => {
    const id = '64b000000000000000000001';
    const routes = [
      t.api.get('/api/review/applications'),
      t.api.get(`/api/review/applications/${id}`),
      t.api.get(`/api/review/applications/${id}/files/${id}`),
      t.api.post(`/api/review/applications/${id}/approve`),
      t.api.post(`/api/review/applications/${id}/reject`).send({ reason: 'x' }),
    ];
    for (const route of routes) {
      const response = await route;
      expect(response.status).toBe(401);
    }
  });

  describe('requireStaff with a role', () => {
    let server: http.Server;
    let api: ReturnType<typeof supertest>;

    beforeAll(async () => {
      const router = new ApiRouter(new OpenApiRegistry());
      router.route(
        {
          method: 'get',
          path: '/admin-only',
          summary: 'test route',
          tags: ['test'],
          before: [t.services.review.staffAuth.requireStaff('operator_admin')],
          responses: { 200: { description: 'ok' } },
        },
        async (ctx) => {
          ctx.body = { staff: ctx.state.staff };
        },
      );
      const app = new Koa<AppState>();
      app.use(requestContext(t.deps.logger, []));
      app.use(errorHandler());
      app.use(router.middleware());
      server = http.createServer(app.callback());
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      api = supertest(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    });

    afterAll(async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });

    it('refuses a reviewer and admits an operator admin', async () => {
      await createReviewer(
        { db: t.database.db, hasher: t.services.passwordHasher },
        {
          username: 'operator.admin',
          name: 'Operator',
          password: staffPassword,
          role: 'operator_admin',
        },
      );
      const reviewer = await login('Alice.Reviewer', staffPassword).expect(200);
      const admin = await login('operator.admin', staffPassword).expect(200);

      const refused = await api
        .get('/admin-only')
        .set('Authorization', `Bearer ${reviewer.body.token}`)
        .expect(403);
      expect(refused.body.error.code).toBe('auth.forbidden');

      const admitted = await api
        .get('/admin-only')
        .set('Authorization', `Bearer ${admin.body.token}`)
        .expect(200);
      expect(admitted.body.staff).toMatchObject({
        username: 'operator.admin',
        role: 'operator_admin',
      });
    });
  });
});
