import http from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import Koa from 'koa';
import supertest from 'supertest';
import { ApiRouter } from '../../src/http/api-router';
import type { AppState } from '../../src/http/context';
import { errorHandler } from '../../src/http/error-handler';
import { OpenApiRegistry } from '../../src/http/openapi';
import { requestContext } from '../../src/http/request-context';
import { refreshTokenModel } from '../../src/modules/auth/refresh-token.model';
import { sessionModel } from '../../src/modules/auth/session.model';
import { staffModel } from '../../src/modules/staff/staff.model';
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
    return t.api.post('/api/review/login').send({ username, password, tokenTransport: 'bearer' });
  }

  function queue(accessToken: string) {
    return t.api.get('/api/review/applications').set('Authorization', `Bearer ${accessToken}`);
  }

  it('returns a staff session and the staff member', async () => {
    const response = await login('alice.reviewer', staffPassword).expect(200);

    expect(response.body.session).toMatchObject({
      tokenTransport: 'bearer',
      accessTokenExpiresAt: new Date(t.clock.now().getTime() + 600_000).toISOString(),
      refreshTokenExpiresAt: new Date(t.clock.now().getTime() + 8 * hour).toISOString(),
    });
    expect(response.body.staff).toMatchObject({
      username: 'Alice.Reviewer',
      name: 'Alice Wong',
      role: 'reviewer',
    });
    expect(response.headers['cache-control']).toBe('no-store');
    expect(jwt.decode(response.body.session.accessToken)).toMatchObject({
      st: 'staff',
      sub: response.body.staff.id,
    });

    await queue(response.body.session.accessToken).expect(200);
    const me = await t.api
      .get('/api/review/me')
      .set('Authorization', `Bearer ${response.body.session.accessToken}`)
      .expect(200);
    expect(me.body.staff).toMatchObject({ username: 'Alice.Reviewer', role: 'reviewer' });
  });

  it('stores only a hash of the refresh token', async () => {
    const response = await login('Alice.Reviewer', staffPassword).expect(200);
    const stored = JSON.stringify(await refreshTokenModel(t.database.db).find().lean());
    expect(stored).not.toContain(response.body.session.refreshToken);
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

  it('refreshes the access token until the session ends after 8 hours', async () => {
    const { body } = await login('Alice.Reviewer', staffPassword).expect(200);
    let refreshToken = body.session.refreshToken as string;

    t.clock.advance(600_000);
    await queue(body.session.accessToken).expect(401);
    for (let step = 0; step < 7; step += 1) {
      const refreshed = await t.api.post('/api/review/refresh').send({ refreshToken }).expect(200);
      await queue(refreshed.body.session.accessToken).expect(200);
      refreshToken = refreshed.body.session.refreshToken as string;
      t.clock.advance(hour);
    }
    t.clock.advance(hour);
    const ended = await t.api.post('/api/review/refresh').send({ refreshToken }).expect(401);
    expect(ended.body.error.code).toBe('auth.unauthenticated');
  });

  it('ends the session at logout', async () => {
    const { body } = await login('Alice.Reviewer', staffPassword).expect(200);
    const auth = `Bearer ${body.session.accessToken}`;

    await t.api.post('/api/review/logout').set('Authorization', auth).send({}).expect(204);
    await t.api.get('/api/review/applications').set('Authorization', auth).expect(401);
    await t.api
      .post('/api/review/refresh')
      .send({ refreshToken: body.session.refreshToken })
      .expect(401);
    await t.api.post('/api/review/logout').set('Authorization', auth).send({}).expect(204);
  });

  it('ends every session when the session version rises', async () => {
    const { body } = await login('Alice.Reviewer', staffPassword).expect(200);
    await staffModel(t.database.db).updateOne(
      { username: 'Alice.Reviewer' },
      { $inc: { sessionVersion: 1 } },
    );
    t.clock.advance(t.config.SESSION_STATE_CACHE_MS);

    await queue(body.session.accessToken).expect(401);
  });

  it('does not take a staff refresh token at the account endpoint', async () => {
    const { body } = await login('Alice.Reviewer', staffPassword).expect(200);
    await t.api
      .post('/api/auth/refresh')
      .send({ refreshToken: body.session.refreshToken })
      .expect(401);
    await t.api
      .post('/api/review/refresh')
      .send({ refreshToken: body.session.refreshToken })
      .expect(200);
  });

  it('sweeps expired sessions', async () => {
    await login('Alice.Reviewer', staffPassword).expect(200);
    t.clock.advance(9 * hour);

    const removed = await t.services.auth.sessions.sweep();
    expect(removed.sessions).toBeGreaterThan(0);
    const left = await sessionModel(t.database.db).countDocuments({
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
        .set('Authorization', `Bearer ${reviewer.body.session.accessToken}`)
        .expect(403);
      expect(refused.body.error.code).toBe('auth.forbidden');

      const admitted = await api
        .get('/admin-only')
        .set('Authorization', `Bearer ${admin.body.session.accessToken}`)
        .expect(200);
      expect(admitted.body.staff).toMatchObject({
        username: 'operator.admin',
        role: 'operator_admin',
      });
    });
  });
});
