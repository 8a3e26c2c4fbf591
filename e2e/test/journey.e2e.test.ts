/**
 * Runs the whole journey in Chromium against the server as `npm start` runs it, in
 * simulator mode on 127.0.0.1. An applicant certifies a company with real PDF and JPG
 * uploads, the reviewer approves in the console and the approval mail reaches the
 * simulator's inbox. The new admin logs in with password and email code, then logs the
 * website in through WeChat: a simulated WeChat user scans and binds on a phone, and
 * unbinding in 个人信息 ends the website's WeChat session. A wrong code, an oversize
 * upload and an expired QR code each show their message. Each step saves a screenshot
 * in artifacts/e2e.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  clearScreenshots,
  launchChromium,
  openContext,
  openPhone,
  outsideRequests,
  screenshots,
  snap,
} from './support/browser';
import { codeIn, sceneOfCode, waitForMail } from './support/simulator';
import { repositoryRoot, requireWebsiteBuild, startServer } from './support/server';
import type { RunningServer } from './support/server';
import {
  button,
  chooseFile,
  field,
  fillField,
  press,
  readAndAccept,
  shows,
  visible,
} from './support/ui';

const fixtures = path.join(repositoryRoot, 'cloud', 'scripts', 'fixtures');
/** The upload limit of the test server: the fixtures fit, the oversize file does not. */
const uploadMaxBytes = 1024 * 1024;
const reviewerPassword = 'Reviewer@2026';
const password = 'Abcdefg1@';
const suffix = Date.now().toString(36);
const applicant = {
  username: `alice_${suffix}`,
  email: `alice.${suffix}@abc-trading.example`,
  company: `ABC Trading ${suffix.toUpperCase()} Limited`,
};
const openid = `e2e-phone-${suffix}`;

let server: RunningServer;
/** A second server whose scan tickets expire after 5 s, for the expired QR code. */
let shortTicketServer: RunningServer;
let browser: Browser;
let tempDir: string;
const contexts: BrowserContext[] = [];

async function context(kind: 'desktop' | 'phone' = 'desktop'): Promise<BrowserContext> {
  const opened = kind === 'phone' ? await openPhone(browser) : await openContext(browser);
  contexts.push(opened);
  return opened;
}

/** What the journey carries from one step to the next. */
const journey: {
  website?: Page;
  applicationNumber?: string;
  phone?: Page;
} = {};

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`${what} is missing: an earlier step failed`);
  return value;
}

beforeAll(async () => {
  requireWebsiteBuild();
  clearScreenshots();
  tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ucz-e2e-files-'));
  const common = {
    UPLOAD_MAX_BYTES: String(uploadMaxBytes),
    // Codes go to the same inbox one after another, so a resend interval would only slow the run.
    OTP_RESEND_SECONDS: '1',
    WECHAT_SCAN_POLL_MS: '250',
  };
  [server, shortTicketServer, browser] = await Promise.all([
    startServer(common),
    startServer({ ...common, WECHAT_SCAN_TICKET_SECONDS: '5' }),
    launchChromium(),
  ]);
}, 180_000);

afterAll(async () => {
  for (const opened of contexts) await opened.close().catch(() => undefined);
  await browser?.close().catch(() => undefined);
  await Promise.all([server?.stop(), shortTicketServer?.stop()]);
  if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  process.stderr.write(`Screenshots:\n  ${screenshots.join('\n  ')}\n`);
}, 60_000);

describe('the certification, approval, login and WeChat journey', () => {
  it('certifies with real uploads, rejecting an oversize file', async () => {
    const page = await (await context()).newPage();
    journey.website = page;
    await page.goto(`${server.baseUrl}/certification`);
    await shows(page, '我已阅读并同意以上协议');
    await snap(page, 'agreement');
    await readAndAccept(page);

    // ① 公司信息
    await fillField(page, 'fullName', applicant.company);
    await fillField(page, 'shortName', 'ABC Trading');
    await fillField(page, 'address', 'Room 1201, 88 Queensway, Admiralty, Hong Kong');
    await fillField(page, 'brNumber', '12345678');
    await visible(page.getByText('跨境交易结算业务', { exact: true })).click();
    await snap(page, 'company-info');
    await press(page, '下一步');

    // ② 上传资料: an oversize file first, then the real documents.
    const registration = field(page, 'business_registration');
    await registration.waitFor();
    const oversize = path.join(tempDir, 'scanned-registration.pdf');
    fs.writeFileSync(
      oversize,
      Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(uploadMaxBytes + 200_000, 0x20)]),
    );
    await chooseFile(page, button(registration, '上传文件'), oversize);
    await shows(registration, '商业登记证影印件：文件超过 1 MB，请压缩后重新上传。', 30_000);
    await snap(page, 'oversize-upload-refused');

    await chooseFile(
      page,
      button(registration, '上传文件'),
      path.join(fixtures, 'business-registration.pdf'),
    );
    await shows(registration, 'business-registration.pdf', 30_000);

    await page.locator('.admin-choice').getByText('申请管理员', { exact: true }).click();
    await readAndAccept(page);
    const employment = field(page, 'employment_proof');
    await chooseFile(page, button(employment, '上传文件'), path.join(fixtures, 'staff-card.jpg'));
    await shows(employment, 'staff-card.jpg', 30_000);
    const authorisation = field(page, 'admin_authorisation');
    await chooseFile(
      page,
      button(authorisation, '上传文件'),
      path.join(fixtures, 'admin-authorisation.pdf'),
    );
    await shows(authorisation, 'admin-authorisation.pdf', 30_000);
    await snap(page, 'documents-uploaded');
    await press(page, '下一步');

    // ③ 账号信息 with the emailed code.
    await fillField(page, 'username', applicant.username);
    await fillField(page, 'name', 'Alice Wong');
    await fillField(page, 'department', 'Operations');
    await field(page, 'phone').locator('input').nth(1).fill('2123 4567');
    await fillField(page, 'title', 'Operations Manager');
    await fillField(page, 'password', password);
    await fillField(page, 'confirmPassword', password);
    await fillField(page, 'email', applicant.email);
    await fillField(page, 'mobile', '9123 4567');
    await press(field(page, 'code'), '获取验证码');
    const codeMail = await waitForMail(
      server.baseUrl,
      applicant.email,
      (mail) => /\b\d{6}\b/u.test(mail.text),
      'certification code',
    );
    await fillField(page, 'code', codeIn(codeMail));
    await snap(page, 'account-info');
    await press(page, '提交');

    // ④ 申请成功
    const numberLine = visible(page.getByText(/^申请编号：/u));
    await numberLine.waitFor({ timeout: 30_000 });
    journey.applicationNumber = (await numberLine.innerText()).replace('申请编号：', '').trim();
    expect(journey.applicationNumber).toMatch(/\S/u);
    await shows(page, '申请成功');
    await snap(page, 'application-submitted');
  });

  it('reviewer approves, approval mail arrives', async () => {
    const number = need(journey.applicationNumber, 'the application number');
    const page = await (await context()).newPage();
    await page.goto(`${server.baseUrl}/review`);
    await fillField(page, 'username', 'reviewer');
    await fillField(page, 'password', reviewerPassword);
    await press(page, '登录');
    const row = page.locator(`[data-application="${number}"]`);
    await row.waitFor();
    await snap(page, 'review-queue');
    await row.click({ timeout: 15_000 });
    await shows(page, 'business-registration.pdf');
    await snap(page, 'review-detail');
    await press(page, '通过');
    await press(page.locator('.nut-dialog'), '确定');
    await shows(page, `申请 ${number} 已审核通过。`);
    await snap(page, 'review-approved');

    const mail = await waitForMail(
      server.baseUrl,
      applicant.email,
      (item) => item.subject.includes('已通过') && item.text.includes(number),
      'approval mail',
    );
    const inbox = await need(journey.website, 'the website').context().newPage();
    await inbox.goto(`${server.baseUrl}/simulator`);
    await shows(inbox, mail.subject);
    await snap(inbox, 'approval-mail-in-sink');
    await inbox.close();
  });

  it('account login rejects a wrong code', async () => {
    const page = need(journey.website, 'the website');
    await page.goto(`${server.baseUrl}/login`);
    await fillField(page, 'username', applicant.username);
    await fillField(page, 'password', password);
    await visible(page.getByText('使用邮箱验证码', { exact: true })).click();
    await press(page, '获取邮箱验证码');
    const mail = await waitForMail(
      server.baseUrl,
      applicant.email,
      (item) => item.text.includes('账号登录'),
      'login code',
    );
    const code = codeIn(mail);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    await fillField(page, 'code', wrong);
    await press(page, '登录');
    await shows(field(page, 'code'), '验证码错误，请重新输入。');
    await snap(page, 'login-wrong-code');

    await fillField(page, 'code', code);
    await press(page, '登录');
    await page.waitForURL(/\/account$/u);
    await shows(page, applicant.company);
    await snap(page, 'account-centre');
    await press(page, '退出登录');
    await page.waitForURL(/\/login$/u);
  });

  it('WeChat scan and bind log in the website', async () => {
    const website = need(journey.website, 'the website');
    await visible(website.locator('.page-shell__link'))
      .getByText('微信登录', { exact: true })
      .click();
    await website.waitForURL(/\/wechat-login$/u);
    const state = website.getByTestId('scan-state');
    await expect(stateText(state)).resolves.toBe('等待扫码');
    const scene = sceneOfCode(await codeImage(website));
    await website.locator('.scan-login__simulator').waitFor();
    expect(await website.locator('.scan-login__simulator').getAttribute('data-url')).toBe(
      `/pages/scan-login/index?scene=${scene}`,
    );
    await snap(website, 'wechat-login-code');

    const phone = await (await context('phone')).newPage();
    journey.phone = phone;
    await phone.goto(`${server.baseUrl}/pages/scan-login/index?scene=${encodeURIComponent(scene)}`);
    await phone.locator('[data-section="simulated-user"] input').fill(openid);
    await snap(phone, 'phone-simulated-user');
    await press(phone, '使用此用户');

    // Not bound yet: the mini-program goes on to 微信绑定账号.
    const form = phone.locator('[data-section="bind-form"]');
    await form.waitFor();
    await shows(website, '已扫码，请在微信中确认');
    await snap(website, 'website-scanned');
    await fillField(form, 'username', applicant.username);
    await fillField(form, 'password', password);
    await fillField(form, 'contact', applicant.email);
    await press(field(form, 'code'), '获取验证码');
    const mail = await waitForMail(
      server.baseUrl,
      applicant.email,
      (item) => item.text.includes('微信绑定账号'),
      'binding code',
    );
    await fillField(form, 'code', codeIn(mail));
    await snap(phone, 'phone-bind-form');
    await press(form, '绑定');
    await shows(phone, '绑定成功，网页已登录。');
    await snap(phone, 'phone-bound');

    await website.waitForURL(/\/account$/u);
    await shows(website, applicant.company);
    await shows(website.locator('[data-section="wechat"]'), applicant.username);
    await snap(website, 'website-logged-in-by-wechat');
  });

  it('unbinding in 个人信息 ends the website session', async () => {
    const phone = need(journey.phone, 'the phone');
    const website = need(journey.website, 'the website');
    await press(phone, '个人信息');
    const profile = phone.locator('[data-section="profile"]');
    await shows(profile, applicant.username);
    await snap(phone, 'phone-profile');
    await press(profile, '解绑');
    await press(phone.locator('.nut-dialog'), '确定');
    await shows(phone, '已解绑。');
    await snap(phone, 'phone-unbound');

    const me = await website.context().request.get(`${server.baseUrl}/api/auth/me`);
    expect(me.status()).toBe(401);
    await website.reload();
    await shows(website, '登录已失效，请重新登录。');
    await snap(website, 'website-session-refused');
  });
});

describe('expired QR code', () => {
  it('shows 已过期 and rejects the late scan', async () => {
    const website = await (await context()).newPage();
    await website.goto(`${shortTicketServer.baseUrl}/wechat-login`);
    const scene = sceneOfCode(await codeImage(website));
    await website.locator('[data-state="expired"]').waitFor({ timeout: 30_000 });
    await expect(stateText(website.getByTestId('scan-state'))).resolves.toBe('已过期');
    await button(website, '刷新二维码').waitFor();
    await snap(website, 'qr-expired');

    const phone = await (await context('phone')).newPage();
    await phone.goto(
      `${shortTicketServer.baseUrl}/pages/scan-login/index?scene=${encodeURIComponent(scene)}`,
    );
    await phone.locator('[data-section="simulated-user"] input').fill(`${openid}-late`);
    await press(phone, '使用此用户');
    await shows(phone, '二维码无效，请重新扫码');
    await snap(phone, 'phone-scan-expired');

    await press(website, '刷新二维码');
    await website.locator('[data-state="waiting"]').waitFor();
  });
});

describe('the browser', () => {
  it('requested only 127.0.0.1', () => {
    expect(outsideRequests).toEqual([]);
  });
});

/** Waits for the scan state and returns its text. */
async function stateText(state: ReturnType<Page['getByTestId']>): Promise<string> {
  await state.waitFor();
  return (await state.innerText()).trim();
}

/** Returns the data URL of the mini-program code that the website shows. */
async function codeImage(page: Page): Promise<string> {
  const image = page.locator('.scan-login__code img').first();
  await image.waitFor();
  const src = await image.getAttribute('src');
  if (!src) throw new Error('The mini-program code has no image');
  return src;
}
