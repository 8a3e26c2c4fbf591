import { boundWechatUser } from '../test/wechat/wechat-users';
import { startWebsiteLogin } from './support/website';
import { useWeappTest } from './support/weapp-test';

const weapp = useWeappTest();
const { runtime } = weapp;
const scanPage = 'pages/scan-login/index';
const invalidCode = '二维码无效，请重新扫码';

/** Opens the page as WeChat does for the website's code: with the URL-encoded scene. */
function openScanned(scene: string | undefined) {
  return runtime.open(scanPage, scene === undefined ? {} : { scene });
}

describe('scan-login page of the weapp build', () => {
  it('confirms the website login', async () => {
    const user = await boundWechatUser(weapp.t);
    const website = await startWebsiteLogin(weapp);
    runtime.wx.reset(user.openid);

    const page = openScanned(encodeURIComponent(website.ticketId));
    const pageText = await page.waitForText('确认登录');
    expect(pageText).toContain('即将以下列账号登录统一客户专区网页：');
    expect(pageText).toContain(user.account.username);
    expect(pageText).toContain('取消');
    expect(await website.state()).toBe('scanned');

    await page.tap('确认登录');
    await page.waitForText('已确认登录，请回到网页继续操作。');
    expect(await website.state()).toBe('confirmed');
    await website.takeSession().expect(200);
  });

  it('cancels the website login', async () => {
    const user = await boundWechatUser(weapp.t);
    const website = await startWebsiteLogin(weapp);
    runtime.wx.reset(user.openid);

    const page = openScanned(encodeURIComponent(website.ticketId));
    await page.waitForText('确认登录');
    await page.tap('取消');
    await page.waitForText('已取消本次登录。');

    expect(await website.state()).toBe('cancelled');
    await website.takeSession().expect(409);
    expect(runtime.wx.requests.map((request) => request.path)).not.toContain(
      `/api/wechat/scan-tickets/${website.ticketId}/confirm`,
    );
  });

  it('rejects a missing or malformed scene without a request', async () => {
    const user = await boundWechatUser(weapp.t);
    const website = await startWebsiteLogin(weapp);
    const { ticketId } = website;
    const scenes = [
      undefined,
      '',
      ticketId.slice(1),
      `${ticketId}A`,
      `${ticketId.slice(1)}-`,
      '%E0%A4%A',
    ];

    for (const scene of scenes) {
      runtime.wx.reset(user.openid);
      const page = openScanned(scene);
      await page.waitForText(invalidCode);
      await page.settle();

      expect({ scene, requests: runtime.wx.requests }).toEqual({ scene, requests: [] });
      expect({ scene, logins: runtime.wx.logins }).toEqual({ scene, logins: [] });
      expect(page.text()).not.toContain('确认登录');
      runtime.closeAll();
    }
    expect(await website.state()).toBe('waiting');
  });

  it('shows an expired code as invalid', async () => {
    const user = await boundWechatUser(weapp.t);
    const website = await startWebsiteLogin(weapp);
    weapp.t.clock.advance(2 * 60_000);
    runtime.wx.reset(user.openid);

    const page = openScanned(encodeURIComponent(website.ticketId));
    await page.waitForText(invalidCode);
    await page.settle();

    expect(page.text()).not.toContain('确认登录');
    expect(runtime.wx.requests).toEqual([
      { method: 'POST', path: `/api/wechat/scan-tickets/${website.ticketId}/scan` },
    ]);
    expect(await website.state()).toBe('expired');
  });
});
