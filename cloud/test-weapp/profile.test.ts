import { boundWechatUser, wechatLogin } from '../test/wechat/wechat-users';
import { useWeappTest } from './support/weapp-test';

const weapp = useWeappTest();
const { runtime } = weapp;
const profilePage = 'pages/profile/index';
const accessTokenKey = 'ucz.wechat.accessToken';
const unbindQuestion = '解绑后，当前微信将不能再登录此账号，也不能再扫码登录网页。确定解绑吗？';

/** Reads the binding over the API with a bearer token. */
function bindingWith(token: string) {
  return weapp.t.api.get('/api/wechat/binding').set('Authorization', `Bearer ${token}`);
}

/** Opens 个人信息 as the bound user and returns the page and its WeChat session token. */
async function openProfile() {
  const user = await boundWechatUser(weapp.t);
  runtime.wx.reset(user.openid);
  const page = runtime.open(profilePage);
  const pageText = await page.waitForText('解绑');
  const token = runtime.wx.storage.get(accessTokenKey);
  if (typeof token !== 'string') throw new Error('the page stored no WeChat session token');
  return { user, page, pageText, token };
}

describe('个人信息 page of the weapp build', () => {
  it('shows the bound account', async () => {
    const { user, pageText } = await openProfile();

    expect(pageText).toContain('个人信息');
    expect(pageText).toContain(`账号${user.account.username}`);
    expect(pageText).toContain('姓名Chan Tai Man');
    expect(pageText).toContain('绑定时间');
    expect(pageText).not.toContain(unbindQuestion);
  });

  it('keeps the binding when 解绑 is cancelled', async () => {
    const { page, token } = await openProfile();

    await page.tap('解绑');
    const dialogText = await page.waitForText(unbindQuestion);
    expect(dialogText).toContain('解绑账号');
    await page.tap('取消');
    await page.settle();

    expect(page.text()).not.toContain(unbindQuestion);
    expect(runtime.wx.requests.map((request) => request.method)).not.toContain('DELETE');
    expect((await bindingWith(token).expect(200)).body.bound).toBe(true);
  });

  it('unbinds after confirmation and ends the WeChat session', async () => {
    const { user, page, token } = await openProfile();

    await page.tap('解绑');
    await page.waitForText(unbindQuestion);
    await page.tap('确定');
    const pageText = await page.waitForText('已解绑。');

    expect(pageText).toContain('当前微信尚未绑定账号。');
    expect(runtime.wx.requests).toContainEqual({ method: 'DELETE', path: '/api/wechat/binding' });
    expect(runtime.wx.storage.has(accessTokenKey)).toBe(false);
    await bindingWith(token).expect(401);
    await bindingWith(user.accessToken).expect(401);
    expect((await wechatLogin(weapp.t, user.openid).expect(200)).body.bound).toBe(false);
  });
});
