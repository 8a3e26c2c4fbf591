/**
 * Walks the certification flow over HTTP against a running server started with
 * `npm start` (simulator mode): agreement, draft, company info, real PDF and JPG
 * uploads, account info with the email code read from the simulator's SMTP sink,
 * submission, reviewer approval, the approval mail in the sink, and the new admin's
 * account login with password and email code. Then a WeChat scan login by a simulated
 * WeChat user: the website shows a mini-program code and watches it, the user scans
 * it, binds the new account with its emailed code, the website collects its session,
 * and unbinding ends the sessions made through WeChat.
 *
 * Usage: npm run walkthrough [-- --base-url http://127.0.0.1:3000]
 * Environment: WALKTHROUGH_BASE_URL, SIMULATOR_STAFF_PASSWORD (the seeded reviewer's).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';

const { values } = parseArgs({
  options: { 'base-url': { type: 'string' } },
  allowPositionals: false,
});
const baseUrl = (
  values['base-url'] ??
  process.env.WALKTHROUGH_BASE_URL ??
  'http://127.0.0.1:3000'
).replace(/\/$/u, '');
const reviewerPassword = process.env.SIMULATOR_STAFF_PASSWORD ?? 'Reviewer@2026';
const fixtures = path.join(__dirname, 'fixtures');
const applicantPassword = 'Abcdefg1@';

let stepNumber = 0;
function step(title: string): void {
  stepNumber += 1;
  console.log(`\n[${stepNumber}] ${title}`);
}

interface CallOptions {
  method?: string;
  body?: unknown;
  form?: FormData;
  headers?: Record<string, string>;
}

/** Calls the API and returns the parsed JSON body; stops the walkthrough on an unexpected status. */
async function call<T = Record<string, unknown>>(
  pathname: string,
  options: CallOptions = {},
): Promise<T> {
  const headers: Record<string, string> = { 'Accept-Language': 'zh-CN', ...options.headers };
  let body: RequestInit['body'];
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  const response = await fetch(`${baseUrl}${pathname}`, {
    method: options.method ?? 'GET',
    headers,
    body,
  });
  const text = await response.text();
  if (!response.ok) {
    throw new Error(`${options.method ?? 'GET'} ${pathname} returned ${response.status}: ${text}`);
  }
  return (text ? JSON.parse(text) : {}) as T;
}

interface StoredMail {
  to: string[];
  subject: string;
  text: string;
}

/** Polls the simulator's SMTP sink until a mail to `address` matches. */
async function waitForMail(
  address: string,
  matches: (mail: StoredMail) => boolean,
  what: string,
): Promise<StoredMail> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const mails = await call<StoredMail[] | { messages: StoredMail[] }>(
      `/simulator/mail?to=${encodeURIComponent(address)}`,
    );
    const list = Array.isArray(mails) ? mails : mails.messages;
    const found = list.find(matches);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`no ${what} reached ${address} within 30 s; check ${baseUrl}/simulator`);
}

/**
 * Asks for a one-time code. Another code went to the same address moments earlier, so
 * the first request may hit the 60 s resend interval: it waits as long as the server
 * says and asks once more.
 */
async function requestCode<T>(pathname: string, body: unknown, what: string): Promise<T> {
  const send = () =>
    fetch(`${baseUrl}${pathname}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept-Language': 'zh-CN' },
      body: JSON.stringify(body),
    });
  let response = await send();
  if (response.status === 429) {
    const seconds = Number(response.headers.get('retry-after') ?? '60');
    console.log(`    resend interval: waiting ${seconds} s before asking for the ${what}`);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    response = await send();
  }
  const text = await response.text();
  if (!response.ok) throw new Error(`POST ${pathname} returned ${response.status}: ${text}`);
  return JSON.parse(text) as T;
}

function requestLoginCode(body: { username: string; password: string; channel: 'email' }) {
  return requestCode<{ challengeId: string; destination: string }>(
    '/api/auth/login/code',
    body,
    'login code',
  );
}

async function upload(
  draftToken: string,
  kind: string,
  file: string,
  contentType: string,
): Promise<void> {
  const bytes = await readFile(path.join(fixtures, file));
  const form = new FormData();
  form.append('file', new Blob([bytes], { type: contentType }), file);
  const result = await call<{ file?: { size?: number } }>(
    `/api/certification/drafts/current/files?kind=${kind}`,
    {
      method: 'POST',
      form,
      headers: { 'X-Draft-Token': draftToken },
    },
  );
  console.log(`    uploaded ${file} as ${kind} (${result.file?.size ?? bytes.length} bytes)`);
}

async function main(): Promise<void> {
  const suffix = Date.now().toString(36);
  const email = `alice.${suffix}@abc-trading.example`;
  const username = `alice_${suffix}`;
  const companyName = `ABC Trading ${suffix.toUpperCase()} Limited`;
  console.log(`Walkthrough against ${baseUrl}`);

  step('Read the user agreement and accept it (我已阅读并同意以上协议)');
  const agreement = await call<{ version: string }>('/api/certification/agreement');
  const created = await call<{ draftToken: string }>('/api/certification/drafts', {
    method: 'POST',
    body: { agreementVersion: agreement.version, accepted: true },
  });
  const draft = { 'X-Draft-Token': created.draftToken };
  console.log(`    agreement ${agreement.version} accepted; draft created`);

  step('公司信息: look the company up, then fill it in');
  const lookup = await call<{ found: boolean }>(
    `/api/certification/companies/lookup?fullName=${encodeURIComponent(companyName)}`,
  );
  console.log(
    `    ${companyName}: ${lookup.found ? 'already certified' : 'not certified yet, new company'}`,
  );
  await call('/api/certification/drafts/current/company', {
    method: 'PUT',
    headers: draft,
    body: {
      region: 'HK',
      fullName: companyName,
      shortName: 'ABC Trading',
      address: 'Room 1201, 88 Queensway, Admiralty, Hong Kong',
      brNumber: '12345678',
      categories: ['cross_border_trading_settlement', 'other'],
      otherDescription: 'Market data for Hong Kong clients',
    },
  });

  step('上传资料: apply for administrator, upload real PDF and JPG files');
  await call('/api/certification/drafts/current/documents', {
    method: 'PUT',
    headers: draft,
    body: { applyAdmin: true, adminAgreementAccepted: true },
  });
  await upload(
    created.draftToken,
    'business_registration',
    'business-registration.pdf',
    'application/pdf',
  );
  await upload(created.draftToken, 'employment_proof', 'staff-card.jpg', 'image/jpeg');
  await upload(
    created.draftToken,
    'admin_authorisation',
    'admin-authorisation.pdf',
    'application/pdf',
  );

  step('账号信息: account fields, then the email code from the simulator inbox');
  await call('/api/certification/drafts/current/account', {
    method: 'PUT',
    headers: draft,
    body: {
      username,
      name: 'Alice Wong',
      department: 'Operations',
      phoneCallingCode: '852',
      phone: '2123 4567',
      title: 'Operations Manager',
      email,
      mobile: '9123 4567',
    },
  });
  const sentAt = Date.now();
  await call('/api/certification/drafts/current/email-code', {
    method: 'POST',
    headers: draft,
    body: { email },
  });
  const codeMail = await waitForMail(
    email,
    (mail) => /\b\d{6}\b/u.test(mail.text),
    'verification code mail',
  );
  const code = /\b(\d{6})\b/u.exec(codeMail.text)?.[1] as string;
  console.log(`    code mail "${codeMail.subject}" arrived after ${Date.now() - sentAt} ms`);

  step('Submit (申请成功)');
  const submitted = await call<{ applicationNumber: string; status: string }>(
    '/api/certification/drafts/current/submit',
    {
      method: 'POST',
      headers: draft,
      body: { password: applicantPassword, confirmPassword: applicantPassword, code },
    },
  );
  console.log(`    application ${submitted.applicationNumber}: ${submitted.status}`);

  step('Reviewer logs in and opens the queue');
  const login = await call<{ session: { accessToken: string } }>('/api/review/login', {
    method: 'POST',
    body: { username: 'reviewer', password: reviewerPassword, tokenTransport: 'bearer' },
  });
  const reviewer = { Authorization: `Bearer ${login.session.accessToken}` };
  const queue = await call<{ items: { id: string; number: string; deadline: string }[] }>(
    '/api/review/applications',
    {
      headers: reviewer,
    },
  );
  const item = queue.items.find((entry) => entry.number === submitted.applicationNumber);
  if (!item)
    throw new Error(`application ${submitted.applicationNumber} is not in the review queue`);
  console.log(`    found in the queue (${queue.items.length} waiting), deadline ${item.deadline}`);

  step('Reviewer approves');
  const approved = await call<{ status: string }>(`/api/review/applications/${item.id}/approve`, {
    method: 'POST',
    headers: reviewer,
    body: {},
  });
  console.log(`    status: ${approved.status}`);

  step('The approval mail reaches the applicant (simulator inbox)');
  const approvalMail = await waitForMail(
    email,
    (mail) => mail.text.includes(submitted.applicationNumber) && mail.subject.includes('已通过'),
    'approval mail',
  );
  console.log(`    "${approvalMail.subject}"`);

  step('The new admin logs in with password and email code (使用邮箱验证码)');
  const challenge = await requestLoginCode({
    username,
    password: applicantPassword,
    channel: 'email',
  });
  const loginCodeSentAt = Date.now();
  console.log(`    code sent to ${challenge.destination}`);
  const loginMail = await waitForMail(
    email,
    (mail) => mail.text.includes('账号登录'),
    'login code mail',
  );
  const loginCode = /\b(\d{6})\b/u.exec(loginMail.text)?.[1] as string;
  const account = await call<{
    session: { accessToken: string };
    account: { username: string; role: string };
  }>('/api/auth/login', {
    method: 'POST',
    body: {
      challengeId: challenge.challengeId,
      password: applicantPassword,
      code: loginCode,
      tokenTransport: 'bearer',
    },
  });
  const me = await call<{
    account: { username: string; role: string; company: { fullName: string } };
  }>('/api/auth/me', {
    headers: { Authorization: `Bearer ${account.session.accessToken}` },
  });
  console.log(
    `    logged in as ${me.account.username} (${me.account.role}) of ${me.account.company.fullName}`,
  );

  await scanLogin({
    username,
    password: applicantPassword,
    email,
    lastCodeSentAt: loginCodeSentAt,
  });

  console.log(`\nDone: ${companyName} is certified and ${username} is its administrator.`);
  console.log(`Mail and SMS the app sent: ${baseUrl}/simulator`);
}

/** A browser's cookies, reduced to names and values: the server checks their paths itself. */
class CookieJar {
  private readonly cookies = new Map<string, string>();

  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const pair = line.split(';')[0] ?? '';
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator);
      const value = pair.slice(separator + 1);
      if (value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** Calls the API as the website: sends and keeps the browser's cookies. */
async function browserCall<T = Record<string, unknown>>(
  jar: CookieJar,
  pathname: string,
  method = 'GET',
  expected = 200,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${baseUrl}${pathname}`, {
    method,
    headers: { 'Accept-Language': 'zh-CN', Cookie: jar.header() },
  });
  jar.take(response);
  const text = await response.text();
  if (response.status !== expected) {
    throw new Error(
      `${method} ${pathname} returned ${response.status}, expected ${expected}: ${text}`,
    );
  }
  return { status: response.status, body: (text ? JSON.parse(text) : {}) as T };
}

/**
 * Watches a scan ticket through its Server-Sent Events as the website does, printing
 * each state; resolves with the last state when the server ends the stream.
 */
async function watchTicket(jar: CookieJar, ticketId: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/wechat/scan-tickets/${ticketId}/events`, {
    headers: { Accept: 'text/event-stream', Cookie: jar.header() },
  });
  if (response.status !== 200 || !response.body)
    throw new Error(`the ticket's event stream returned ${response.status}`);
  const decoder = new TextDecoder();
  let buffer = '';
  let last = '';
  for await (const chunk of response.body) {
    buffer += decoder.decode(chunk, { stream: true });
    const blocks = buffer.split('\n\n');
    buffer = blocks.pop() ?? '';
    for (const block of blocks) {
      const data = block
        .split('\n')
        .find((line) => line.startsWith('data: '))
        ?.slice('data: '.length);
      if (!data) continue;
      last = (JSON.parse(data) as { state: string }).state;
      console.log(`    website (event stream): ${last}`);
    }
  }
  return last;
}

/** Reads the scene out of the mini-program code image, as WeChat does when the user scans it. */
function sceneOf(imageDataUrl: string): string {
  const png = PNG.sync.read(
    Buffer.from(imageDataUrl.replace(/^data:image\/png;base64,/u, ''), 'base64'),
  );
  const text = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
  const scene = text ? new URL(text).searchParams.get('scene') : null;
  if (!scene) throw new Error('the mini-program code carries no scene');
  return scene;
}

/**
 * 微信登录 with a simulated WeChat user: the website creates a ticket and watches it, the
 * user scans it in the mini-program, is not bound yet, binds the account with its
 * emailed code (微信绑定账号), which confirms the website login. Then the user unbinds
 * in 个人信息 and the tokens made through WeChat are refused.
 */
async function scanLogin(who: {
  username: string;
  password: string;
  email: string;
  /** When the last code went to the email; the binding code must wait out the resend interval. */
  lastCodeSentAt: number;
}) {
  const openid = `walkthrough-${Date.now().toString(36)}`;
  const website = new CookieJar();
  // The code lives 2 minutes: wait out the 60 s resend interval before showing it.
  const resendWait = who.lastCodeSentAt + 61_000 - Date.now();
  if (resendWait > 0) {
    console.log(
      `\n    waiting ${Math.ceil(resendWait / 1000)} s (resend interval) before the WeChat login`,
    );
    await new Promise((resolve) => setTimeout(resolve, resendWait));
  }

  step('微信登录: the website shows a mini-program code and watches it');
  const ticket = await browserCall<{ ticketId: string; expiresAt: string; image: string }>(
    website,
    '/api/wechat/scan-tickets',
    'POST',
    201,
  );
  const scene = sceneOf(ticket.body.image);
  console.log(
    `    ticket ${ticket.body.ticketId} (in the code: ${scene}), expires ${ticket.body.expiresAt}`,
  );
  const watching = watchTicket(website, ticket.body.ticketId);

  step(`A simulated WeChat user (${openid}) scans the code; the mini-program logs in`);
  const { code } = await call<{ code: string }>('/simulator/wechat/login-code', {
    method: 'POST',
    body: { openid },
  });
  const scanned = await call<{ bound: boolean; bindTicket?: string }>(
    `/api/wechat/scan-tickets/${scene}/scan`,
    { method: 'POST', body: { code } },
  );
  if (scanned.bound || !scanned.bindTicket)
    throw new Error('a new WeChat user should not be bound yet');
  console.log('    not bound yet: the mini-program shows 微信绑定账号');

  step('微信绑定账号: 用户名, 密码, 手机号/邮箱, then the emailed code and 绑定');
  const credentials = {
    bindTicket: scanned.bindTicket,
    username: who.username,
    password: who.password,
    contact: who.email,
  };
  const sent = await requestCode<{ destination: string }>(
    '/api/wechat/bind/code',
    credentials,
    'binding code',
  );
  console.log(`    code sent to ${sent.destination}`);
  const bindMail = await waitForMail(
    who.email,
    (mail) => mail.text.includes('微信绑定账号'),
    'binding code mail',
  );
  const bindCode = /\b(\d{6})\b/u.exec(bindMail.text)?.[1] as string;
  const bound = await call<{
    session: { accessToken: string };
    scanTicket?: { state: string };
  }>('/api/wechat/bind', { method: 'POST', body: { ...credentials, code: bindCode } });
  console.log(`    bound; the website login is now ${bound.scanTicket?.state ?? 'unknown'}`);
  const wechatToken = { Authorization: `Bearer ${bound.session.accessToken}` };

  step('The website sees the confirmation and collects its session');
  const finalState = await watching;
  if (finalState !== 'confirmed') throw new Error(`the ticket ended as ${finalState}`);
  await browserCall(website, `/api/wechat/scan-tickets/${ticket.body.ticketId}/session`, 'POST');
  const me = await browserCall<{ account: { username: string } }>(website, '/api/auth/me');
  console.log(`    the website is logged in as ${me.body.account.username}`);

  step('个人信息: the user unbinds WeChat; the sessions made through WeChat end');
  await call('/api/wechat/binding', { method: 'DELETE', headers: wechatToken });
  const miniProgram = await fetch(`${baseUrl}/api/auth/me`, { headers: wechatToken });
  const websiteAfter = await browserCall(website, '/api/auth/me', 'GET', 401);
  if (miniProgram.status !== 401)
    throw new Error(`the WeChat token still works (${miniProgram.status})`);
  console.log(
    `    mini-program token: ${miniProgram.status}, website session: ${websiteAfter.status} (both refused)`,
  );
}

main().catch((error: unknown) => {
  console.error(`\nWalkthrough failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
