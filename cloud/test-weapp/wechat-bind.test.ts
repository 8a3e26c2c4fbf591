import { normaliseEmail } from '@ucz/shared';
import { codeIn, insertAccount, mailMark } from '../test/support/accounts';
import { newOpenid, wechatLogin } from '../test/wechat/wechat-users';
import { waitUntil } from './support/wait';
import { startWebsiteLogin } from './support/website';
import { useWeappTest } from './support/weapp-test';

const weapp = useWeappTest();
const { runtime } = weapp;
const bindPage = '/pages/wechat-bind/index';

// The tests share one mini-program context, as WeChat runs one per launch. The scan flow
// comes last because a failure in it can leave its bind ticket pending for the page.
describe('微信绑定账号 page of the weapp build', () => {
  it('asks for the empty fields before sending a code', async () => {
    runtime.wx.reset(newOpenid());

    const page = runtime.follow(bindPage);
    await page.waitForText('获取验证码');
    await page.tap('获取验证码');
    const pageText = await page.waitForText('请输入账号');
    await page.settle();

    expect(pageText).toContain('请输入密码');
    expect(pageText).toContain('请输入手机号/邮箱');
    expect(runtime.wx.requests).toEqual([{ method: 'POST', path: '/api/wechat/login' }]);
  });

  it('opens the account login from 直接登录>>', async () => {
    runtime.wx.reset(newOpenid());

    const page = runtime.follow(bindPage);
    await page.waitForText('直接登录>>');
    await page.tap('直接登录>>');
    await waitUntil(() => runtime.wx.navigations.length > 0, 'a navigation');

    expect(runtime.wx.navigations).toEqual([{ api: 'navigateTo', url: '/pages/login/index' }]);
  });

  it('binds and completes the website login', async () => {
    const { t } = weapp;
    const account = await insertAccount(t);
    const openid = newOpenid();
    const website = await startWebsiteLogin(weapp);
    runtime.wx.reset(openid);

    // An unbound WeChat user scans the website's code and is sent on to bind.
    runtime.open('pages/scan-login/index', { scene: encodeURIComponent(website.ticketId) });
    await waitUntil(() => runtime.wx.navigations.length > 0, 'the scan page to navigate');
    expect(runtime.wx.navigations).toEqual([{ api: 'navigateTo', url: bindPage }]);
    expect(await website.state()).toBe('scanned');

    const page = runtime.follow(bindPage);
    const pageText = await page.waitForText('微信扫码登录请先绑定账号');
    for (const label of [
      '微信绑定账号',
      '账号',
      '密码',
      '手机号/邮箱',
      '验证码',
      '获取验证码',
      '直接登录>>',
    ])
      expect(pageText).toContain(label);

    await page.input('账号', account.username);
    await page.input('密码', account.password);
    await page.input('手机号/邮箱', account.email);
    const nextMail = mailMark(t);
    await page.tap('获取验证码');
    const mail = await nextMail((message) => message.to.includes(normaliseEmail(account.email)));
    await page.waitForText('验证码已发送至');

    await page.input('验证码', codeIn(mail.text));
    await page.tap('绑定');
    await page.waitForText('绑定成功，网页已登录。');

    expect(await website.state()).toBe('confirmed');
    await website.takeSession().expect(200);
    const login = await wechatLogin(t, openid).expect(200);
    expect(login.body.bound).toBe(true);
    const binding = await t.api
      .get('/api/wechat/binding')
      .set('Authorization', `Bearer ${login.body.session.accessToken as string}`)
      .expect(200);
    expect(binding.body).toMatchObject({ bound: true, account: { username: account.username } });
  });
});
