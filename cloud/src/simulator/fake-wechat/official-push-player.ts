import { createHash, randomBytes } from 'node:crypto';
import type { FakeWechatState } from './fake-state';
import type { FakeWechatApp } from './fake-types';

/** Fields of a pushed XML message; CreateTime and MsgId are numbers, the rest text. */
export interface FakePushMessage {
  FromUserName: string;
  /** Defaults to `event`. */
  MsgType?: string;
  Event?: string;
  EventKey?: string;
  Content?: string;
  /** Seconds since the epoch; defaults to the fake's clock. */
  CreateTime?: number;
  MsgId?: string;
  /** Defaults to the official account's original id. */
  ToUserName?: string;
}

export interface PushOptions {
  /** AppID of the official account; defaults to the fake's first official account. */
  appid?: string;
  /** Signs with this token instead of the account's push token, to play a forged push. */
  signWithToken?: string;
  timestamp?: string;
  nonce?: string;
}

/** The endpoint's response to a push, with its duration. */
export interface PushResult {
  status: number;
  contentType: string;
  body: string;
  elapsedMs: number;
}

/** Computes the push signature: hex SHA-1 of token, timestamp and nonce sorted and joined. */
export function pushSignature(token: string, timestamp: string, nonce: string): string {
  return createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
}

function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** Renders a push message as WeChat's XML: text in CDATA, CreateTime and MsgId bare. */
export function pushXml(fields: Record<string, string | number>): string {
  const elements = Object.entries(fields).map(([name, value]) =>
    typeof value === 'number' || name === 'MsgId'
      ? `<${name}>${value}</${name}>`
      : `<${name}>${cdata(value)}</${name}>`,
  );
  return `<xml>${elements.join('')}</xml>`;
}

function officialAccount(state: FakeWechatState, appid: string | undefined): FakeWechatApp {
  const accounts = [...state.apps.values()].filter((app) => app.kind === 'official_account');
  const account = appid ? accounts.find((app) => app.appid === appid) : accounts[0];
  if (!account?.pushToken) throw new Error('fake WeChat: no official account with a push token');
  return account;
}

function signedQuery(token: string, options: PushOptions, state: FakeWechatState): URLSearchParams {
  const timestamp = options.timestamp ?? String(Math.floor(state.now() / 1000));
  const nonce = options.nonce ?? String(randomBytes(4).readUInt32BE());
  return new URLSearchParams({
    signature: pushSignature(token, timestamp, nonce),
    timestamp,
    nonce,
  });
}

async function resultOf(response: Response, started: number): Promise<PushResult> {
  return {
    status: response.status,
    contentType: response.headers.get('content-type') ?? '',
    body: await response.text(),
    elapsedMs: Date.now() - started,
  };
}

/**
 * Plays WeChat pushing one message of the official account to `url`: a signed POST of
 * the XML, in plaintext mode. A `subscribe` or `unsubscribe` event also changes whether
 * the user follows the account in the fake.
 */
export async function pushOfficialMessage(
  state: FakeWechatState,
  url: string,
  message: FakePushMessage,
  options: PushOptions = {},
): Promise<PushResult> {
  const account = officialAccount(state, options.appid);
  const fields: Record<string, string | number> = {
    ToUserName: message.ToUserName ?? account.originalId ?? 'gh_fake',
    FromUserName: message.FromUserName,
    CreateTime: message.CreateTime ?? Math.floor(state.now() / 1000),
    MsgType: message.MsgType ?? 'event',
  };
  if (message.Event !== undefined) fields.Event = message.Event;
  if (message.EventKey !== undefined) fields.EventKey = message.EventKey;
  if (message.Content !== undefined) fields.Content = message.Content;
  if (message.MsgId !== undefined) fields.MsgId = message.MsgId;

  state.addUser(account.appid, message.FromUserName);
  const followers = state.followers.get(account.appid) ?? new Set<string>();
  if (message.Event === 'subscribe') followers.add(message.FromUserName);
  if (message.Event === 'unsubscribe') followers.delete(message.FromUserName);
  state.followers.set(account.appid, followers);

  const query = signedQuery(options.signWithToken ?? account.pushToken ?? '', options, state);
  query.set('openid', message.FromUserName);
  const started = Date.now();
  const response = await fetch(`${url}?${query.toString()}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml' },
    body: pushXml(fields),
    signal: AbortSignal.timeout(10_000),
  });
  return resultOf(response, started);
}

/** Plays WeChat's URL verification: a signed GET that must echo `echostr`. */
export async function verifyOfficialPushUrl(
  state: FakeWechatState,
  url: string,
  options: PushOptions = {},
): Promise<PushResult & { echostr: string }> {
  const account = officialAccount(state, options.appid);
  const query = signedQuery(options.signWithToken ?? account.pushToken ?? '', options, state);
  const echostr = String(randomBytes(8).readBigUInt64BE());
  query.set('echostr', echostr);
  const started = Date.now();
  const response = await fetch(`${url}?${query.toString()}`, {
    signal: AbortSignal.timeout(10_000),
  });
  return { ...(await resultOf(response, started)), echostr };
}
