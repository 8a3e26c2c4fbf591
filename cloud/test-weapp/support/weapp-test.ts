import supertest from 'supertest';
import { roomyLimits } from '../../test/support/accounts';
import { startTestApp } from '../../test/support/test-app';
import type { TestApp } from '../../test/support/test-app';
import { loginCode } from '../../test/wechat/wechat-users';
import { WeappRuntime } from './weapp-runtime';

export interface WeappTest {
  /** The backend under test; set in beforeAll. */
  readonly t: TestApp;
  readonly runtime: WeappRuntime;
  /** A browser of the website, with its own cookie jar. */
  browser(): ReturnType<typeof supertest.agent>;
}

/**
 * Registers the hooks of a test file: the real backend on a fresh database, the built
 * mini-program running against it, and a fresh mini-program install (storage, recorded
 * calls) for each test.
 */
export function useWeappTest(): WeappTest {
  let app: TestApp | undefined;
  const runtime = new WeappRuntime();

  beforeAll(async () => {
    app = await startTestApp({ env: roomyLimits });
    const started = app;
    runtime.wx.connect({
      baseUrl: started.baseUrl,
      issueLoginCode: (openid) => loginCode(started, openid),
    });
    runtime.start();
  });

  beforeEach(() => runtime.wx.reset());

  afterEach(() => {
    runtime.closeAll();
    // A node without a template in the build (such as a tag WeChat lacks) is not shown in
    // WeChat, so the WXML runtime's warnings fail the test that caused them.
    const warnings = [...new Set(runtime.wxmlWarnings.splice(0))];
    expect(warnings).toEqual([]);
  });

  afterAll(async () => {
    await app?.close();
  });

  return {
    get t() {
      if (!app) throw new Error('the backend starts in beforeAll');
      return app;
    },
    runtime,
    browser: () => supertest.agent(app?.server),
  };
}
