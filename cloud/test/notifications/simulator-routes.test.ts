import supertest from 'supertest';
import { buildApp } from '../../src/app';
import { startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';

describe('simulator viewer routes', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  beforeEach(() => {
    t.mail.clear();
    t.sms.clear();
  });

  it('lists mail newest first and filters by recipient', async () => {
    await t.deps.mailer.send({ to: 'first@example.com', subject: 'one', text: 'first text' });
    await t.deps.mailer.send({
      to: ['Second@Example.com', 'cc@example.com'],
      subject: 'two',
      text: 'second text',
    });

    const all = await t.api.get('/simulator/mail').expect(200);
    expect(all.body.map((mail: { subject: string }) => mail.subject)).toEqual(['two', 'one']);
    expect(all.body[0]).toMatchObject({
      to: ['Second@example.com', 'cc@example.com'],
      text: 'second text\n',
    });
    expect(new Date(all.body[0].receivedAt).toString()).not.toBe('Invalid Date');

    const filtered = await t.api
      .get('/simulator/mail')
      .query({ to: 'second@EXAMPLE.com' })
      .expect(200);
    expect(filtered.body.map((mail: { subject: string }) => mail.subject)).toEqual(['two']);

    const none = await t.api.get('/simulator/mail').query({ to: 'nobody@example.com' }).expect(200);
    expect(none.body).toEqual([]);
  });

  it('lists SMS newest first and filters by number', async () => {
    await t.sms.send({ to: '+85291234567', text: 'first' });
    await t.sms.send({ to: '+85298765432', text: 'second' });

    const all = await t.api.get('/simulator/sms').expect(200);
    expect(all.body.map((sms: { text: string }) => sms.text)).toEqual(['second', 'first']);

    const filtered = await t.api.get('/simulator/sms').query({ to: '+85291234567' }).expect(200);
    expect(filtered.body).toHaveLength(1);
    expect(filtered.body[0]).toMatchObject({ to: '+85291234567', text: 'first' });
  });

  it('shows both on an HTML page with content escaped', async () => {
    await t.deps.mailer.send({
      to: 'page@example.com',
      subject: '<script>alert(1)</script>',
      text: '验证码 654321',
    });
    await t.sms.send({ to: '+85291234567', text: 'SMS <b>body</b>' });

    const page = await t.api.get('/simulator').expect(200);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.text).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.text).not.toContain('<script>');
    expect(page.text).toContain('验证码 654321');
    expect(page.text).toContain('SMS &lt;b&gt;body&lt;/b&gt;');
  });

  it('is absent when the app runs without the simulator', async () => {
    const { app } = buildApp({ ...t.deps, simulator: undefined });
    const api = supertest(app.callback());
    await api.get('/simulator/mail').expect(404);
    await api.get('/simulator/sms').expect(404);
    await api.get('/simulator').expect(404);
  });
});
