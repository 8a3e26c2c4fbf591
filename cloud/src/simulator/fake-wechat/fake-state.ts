import { createHash, randomBytes } from 'node:crypto';
import type { Clock } from '../../lib/clock';
import type { FakeWechatApp } from './fake-types';

/** A login code as wx.login would hand it to the mini-program. */
export interface FakeLoginCode {
  appid: string;
  openid: string;
  unionid?: string;
  issuedAt: number;
  used: boolean;
}

/** An access token the fake issued. */
export interface FakeAccessToken {
  appid: string;
  /** `stable` from /cgi-bin/stable_token, `classic` from /cgi-bin/token. */
  kind: 'stable' | 'classic';
  expiresAt: number;
  revoked: boolean;
}

/** A subscribe message the fake accepted. */
export interface SentSubscribeMessage {
  appid: string;
  touser: string;
  templateId: string;
  page?: string;
  data: Record<string, string>;
  miniprogramState: string;
  lang: string;
  sentAt: Date;
}

/** A template message of the official account the fake accepted. */
export interface SentTemplateMessage {
  appid: string;
  touser: string;
  templateId: string;
  url?: string;
  miniprogram?: { appid: string; pagepath?: string };
  data: Record<string, string>;
  msgid: number;
  sentAt: Date;
}

/** A mini-program code the fake rendered. */
export interface IssuedWxacode {
  appid: string;
  scene: string;
  page?: string;
  envVersion: string;
  /** The text inside the QR image. */
  payload: string;
  issuedAt: Date;
}

/** One API call the fake received, without query values (they hold secrets and codes). */
export interface FakeCall {
  method: string;
  path: string;
  at: Date;
}

/** Lifetime of a wx.login code on WeChat: 5 minutes. */
export const loginCodeLifetimeMs = 5 * 60_000;
/** Lifetime of an access token on WeChat: 7200 s. */
export const accessTokenLifetimeMs = 7200 * 1000;
/** Entries kept per record list (calls, messages, codes), so a long simulator run stays small. */
const recordCapacity = 1000;

/** Appends to a record list and drops its oldest entries beyond the capacity. */
export function appendRecord<T>(list: T[], entry: T): void {
  list.push(entry);
  if (list.length > recordCapacity) list.splice(0, list.length - recordCapacity);
}

/** Everything the fake WeChat server remembers, in memory. */
export class FakeWechatState {
  readonly apps = new Map<string, FakeWechatApp>();
  readonly codes = new Map<string, FakeLoginCode>();
  readonly tokens = new Map<string, FakeAccessToken>();
  /** Force refreshes of stable tokens per appid (epoch ms), for the 30 s and daily limits. */
  readonly forceRefreshes = new Map<string, number[]>();
  /** Known users per appid (openids that logged in, were granted or were added). */
  readonly users = new Map<string, Set<string>>();
  /** Official-account followers per appid. */
  readonly followers = new Map<string, Set<string>>();
  /** One-time subscribe grants left, keyed `appid|openid|templateId`. */
  readonly grants = new Map<string, number>();
  readonly subscribeMessages: SentSubscribeMessage[] = [];
  readonly templateMessages: SentTemplateMessage[] = [];
  readonly wxacodes: IssuedWxacode[] = [];
  readonly menus = new Map<string, unknown>();
  readonly calls: FakeCall[] = [];
  private nextMsgId = 1_000_000;

  constructor(
    apps: FakeWechatApp[],
    readonly clock: Clock,
  ) {
    for (const app of apps) this.apps.set(app.appid, { ...app, kind: app.kind ?? 'miniprogram' });
  }

  now(): number {
    return this.clock.now().getTime();
  }

  addUser(appid: string, openid: string): void {
    const users = this.users.get(appid) ?? new Set<string>();
    users.add(openid);
    this.users.set(appid, users);
  }

  isUser(appid: string, openid: string): boolean {
    return this.users.get(appid)?.has(openid) ?? false;
  }

  /** Derives the unionid WeChat would report for an openid: stable per user, unlike the openid. */
  unionidOf(openid: string): string {
    return `o6_${createHash('sha256').update(`union:${openid}`).digest('base64url').slice(0, 25)}`;
  }

  issueLoginCode(appid: string, openid: string, unionid?: string): string {
    if (!this.apps.has(appid)) throw new Error(`fake WeChat: unknown appid "${appid}"`);
    const now = this.now();
    for (const [known, record] of this.codes) {
      if (now - record.issuedAt > 2 * loginCodeLifetimeMs) this.codes.delete(known);
    }
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, { appid, openid, unionid, issuedAt: now, used: false });
    this.addUser(appid, openid);
    return code;
  }

  issueToken(
    appid: string,
    kind: FakeAccessToken['kind'],
  ): { token: string; record: FakeAccessToken } {
    const token = randomBytes(48).toString('base64url');
    const record: FakeAccessToken = {
      appid,
      kind,
      expiresAt: this.now() + accessTokenLifetimeMs,
      revoked: false,
    };
    this.tokens.set(token, record);
    return { token, record };
  }

  /** Revokes every token of the app, like a force refresh done by another party. */
  revokeTokens(appid: string, kind?: FakeAccessToken['kind']): void {
    for (const record of this.tokens.values()) {
      if (record.appid === appid && (kind === undefined || record.kind === kind))
        record.revoked = true;
    }
  }

  grantKey(appid: string, openid: string, templateId: string): string {
    return `${appid}|${openid}|${templateId}`;
  }

  grantsLeft(appid: string, openid: string, templateId: string): number {
    return this.grants.get(this.grantKey(appid, openid, templateId)) ?? 0;
  }

  addGrants(appid: string, openid: string, templateId: string, count: number): void {
    const key = this.grantKey(appid, openid, templateId);
    this.grants.set(key, (this.grants.get(key) ?? 0) + count);
    this.addUser(appid, openid);
  }

  newMsgId(): number {
    this.nextMsgId += 1;
    return this.nextMsgId;
  }
}
