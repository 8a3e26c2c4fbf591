import { createLogger } from '../../src/logger';
import { runMenuCommand } from '../../src/modules/wechat/menu-command';
import type { FakeWechat } from '../../src/simulator/fake-wechat';
import type { ManualClock } from '../../src/lib/clock';
import { miniApp, officialApp, startTestFake } from './wechat-fixtures';

let fake: FakeWechat;
let clock: ManualClock;

beforeAll(async () => {
  ({ fake, clock } = await startTestFake());
});

afterAll(async () => {
  await fake.stop();
});

async function run(argv: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runMenuCommand(
    argv,
    env,
    { out: (text) => out.push(text), err: (text) => err.push(text) },
    { logger: createLogger('silent'), clock },
  );
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const menuEnv = { WECHAT_APPID: miniApp.appid, PUBLIC_URL: 'https://zone.example.com' };

describe('wechat-menu command', () => {
  it('prints a menu whose 个人信息 item opens the mini-program profile page', async () => {
    const result = await run([], menuEnv);
    expect(result.code).toBe(0);
    const menu = JSON.parse(result.out) as { button: Record<string, unknown>[] };
    expect(menu.button[0]).toEqual({
      type: 'miniprogram',
      name: '个人信息',
      url: 'https://zone.example.com',
      appid: miniApp.appid,
      pagepath: 'pages/profile/index',
    });
    expect(fake.menu(officialApp.appid)).toBeUndefined();
  });

  it('creates the menu through the WeChat client with --create', async () => {
    const result = await run(['--create', '--page', 'pages/me/index'], {
      ...menuEnv,
      WECHAT_API_BASE_URL: fake.baseUrl,
      WECHAT_OFFICIAL_APPID: officialApp.appid,
      WECHAT_OFFICIAL_SECRET: officialApp.secret,
    });
    expect(result.code).toBe(0);
    expect(result.err).toContain('Menu created');
    expect(fake.menu(officialApp.appid)).toEqual(JSON.parse(result.out));
    expect(JSON.stringify(fake.menu(officialApp.appid))).toContain('pages/me/index');
    expect(result.err).not.toContain(officialApp.secret);
  });

  it('exits 1 when WeChat refuses the credentials', async () => {
    const result = await run(['--create'], {
      ...menuEnv,
      WECHAT_API_BASE_URL: fake.baseUrl,
      WECHAT_OFFICIAL_APPID: officialApp.appid,
      WECHAT_OFFICIAL_SECRET: 'wrong-secret-0123456789',
    });
    expect(result.code).toBe(1);
    expect(result.err).toContain('errcode 40125');
  });

  it('exits 2 naming missing or bad settings', async () => {
    const missing = await run(['--create'], menuEnv);
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('WECHAT_OFFICIAL_SECRET: missing');

    const badPage = await run(['--page', '/pages/profile/index'], menuEnv);
    expect(badPage.code).toBe(2);
    expect(badPage.err).toContain('--page');

    const noAppid = await run([], { PUBLIC_URL: 'https://zone.example.com' });
    expect(noAppid.err).toContain('--appid (or WECHAT_APPID): missing');
  });
});
