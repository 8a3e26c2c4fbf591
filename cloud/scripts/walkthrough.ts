/**
 * Walks the certification flow over HTTP against a running server started with
 * `npm start` (simulator mode): agreement, draft, company info, real PDF and JPG
 * uploads, account info with the email code read from the simulator's SMTP sink,
 * submission, reviewer approval, the approval mail in the sink, and the new admin's
 * account login with password and email code.
 *
 * Usage: npm run walkthrough [-- --base-url http://127.0.0.1:3000]
 * Environment: WALKTHROUGH_BASE_URL, SIMULATOR_STAFF_PASSWORD (the seeded reviewer's).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';

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
 * Asks for a login code. The certification code went to the same address moments
 * earlier, so the first request may hit the 60 s resend interval: it waits as long as
 * the server says and asks once more.
 */
async function requestLoginCode(body: { username: string; password: string; channel: 'email' }) {
  const send = () =>
    fetch(`${baseUrl}/api/auth/login/code`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Accept-Language': 'zh-CN' },
      body: JSON.stringify(body),
    });
  let response = await send();
  if (response.status === 429) {
    const seconds = Number(response.headers.get('retry-after') ?? '60');
    console.log(`    resend interval: waiting ${seconds} s before asking for the login code`);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    response = await send();
  }
  const text = await response.text();
  if (!response.ok)
    throw new Error(`POST /api/auth/login/code returned ${response.status}: ${text}`);
  return JSON.parse(text) as { challengeId: string; destination: string };
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

  console.log(`\nDone: ${companyName} is certified and ${username} is its administrator.`);
  console.log(`Mail and SMS the app sent: ${baseUrl}/simulator`);
}

main().catch((error: unknown) => {
  console.error(`\nWalkthrough failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
