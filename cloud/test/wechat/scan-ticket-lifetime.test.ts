import { ConfigError, loadConfig } from '../../src/config';
import { roomyLimits } from '../support/accounts';
import { startTestApp } from '../support/test-app';
import type { TestApp } from '../support/test-app';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ env: { ...roomyLimits, WECHAT_SCAN_TICKET_SECONDS: '30' } });
});

afterAll(async () => {
  await t.close();
});

describe('WECHAT_SCAN_TICKET_SECONDS', () => {
  it('defaults to 120 s and rejects values out of range', () => {
    expect(loadConfig({}).WECHAT_SCAN_TICKET_SECONDS).toBe(120);
    expect(loadConfig({ WECHAT_SCAN_TICKET_SECONDS: '45' }).WECHAT_SCAN_TICKET_SECONDS).toBe(45);
    for (const value of ['4', '601', '1.5', 'soon']) {
      expect(() => loadConfig({ WECHAT_SCAN_TICKET_SECONDS: value })).toThrow(ConfigError);
    }
  });

  it('sets when a new scan ticket expires', async () => {
    const browser = t.api;
    const created = await browser.post('/api/wechat/scan-tickets').expect(201);
    const ticketId = created.body.ticketId as string;
    const cookie = (created.headers['set-cookie'] as unknown as string[])
      .map((line) => line.split(';')[0])
      .join('; ');
    expect(created.body.expiresAt).toBe(new Date(t.clock.now().getTime() + 30_000).toISOString());

    const stateAfter = async (ms: number) => {
      t.clock.advance(ms);
      const view = await browser
        .get(`/api/wechat/scan-tickets/${ticketId}`)
        .set('Cookie', cookie)
        .expect(200);
      return view.body.state as string;
    };
    expect(await stateAfter(29_000)).toBe('waiting');
    expect(await stateAfter(1_000)).toBe('expired');
  });
});
