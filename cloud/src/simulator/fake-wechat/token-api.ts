import type { FakeWechatState } from './fake-state';
import { errorReply, jsonBody, jsonReply, malformedJsonReply } from './fake-types';
import type { FakeReply, FakeRequest, FakeWechatApp } from './fake-types';

/** In normal mode, stable_token hands out a new token once the current one has less than this left. */
const stableRenewWindowMs = 300_000;
const forceRefreshIntervalMs = 30_000;
const forceRefreshesPerDay = 20;
const dayMs = 24 * 60 * 60_000;

function checkCredentials(
  state: FakeWechatState,
  appid: unknown,
  secret: unknown,
): FakeWechatApp | FakeReply {
  const app = typeof appid === 'string' ? state.apps.get(appid) : undefined;
  if (!app) return errorReply(40013, 'invalid appid');
  if (secret !== app.secret) return errorReply(40125, 'invalid appsecret');
  return app;
}

function isReply(value: FakeWechatApp | FakeReply): value is FakeReply {
  return 'status' in value && 'body' in value;
}

function tokenReply(token: string, expiresAt: number, now: number): FakeReply {
  return jsonReply({ access_token: token, expires_in: Math.floor((expiresAt - now) / 1000) });
}

/**
 * POST /cgi-bin/stable_token. Normal mode returns the current token while it has at
 * least 300 s left, then a new one (the old one stays valid until it expires). Force
 * refresh revokes every earlier stable token; it is allowed once per 30 s and 20 times
 * a day per app.
 */
export function stableToken(state: FakeWechatState, request: FakeRequest): FakeReply {
  const body = jsonBody(request);
  if (!body) return malformedJsonReply();
  if (body.grant_type !== 'client_credential') return errorReply(40002, 'invalid grant_type');
  const app = checkCredentials(state, body.appid, body.secret);
  if (isReply(app)) return app;

  const now = state.now();
  if (body.force_refresh === true) {
    const recent = (state.forceRefreshes.get(app.appid) ?? []).filter((at) => now - at < dayMs);
    const last = recent.at(-1);
    // NOTE: WeChat's documentation states these limits but not which errcode each returns.
    if (last !== undefined && now - last < forceRefreshIntervalMs) {
      return errorReply(45011, 'api minute-quota reach limit, force refresh at most once per 30 s');
    }
    if (recent.length >= forceRefreshesPerDay)
      return errorReply(45009, 'reach max api daily quota limit');
    state.forceRefreshes.set(app.appid, [...recent, now]);
    state.revokeTokens(app.appid, 'stable');
    const issued = state.issueToken(app.appid, 'stable');
    return tokenReply(issued.token, issued.record.expiresAt, now);
  }

  let newest: { token: string; expiresAt: number } | undefined;
  for (const [token, record] of state.tokens) {
    if (record.appid !== app.appid || record.kind !== 'stable' || record.revoked) continue;
    if (!newest || record.expiresAt > newest.expiresAt)
      newest = { token, expiresAt: record.expiresAt };
  }
  if (newest && newest.expiresAt - now >= stableRenewWindowMs)
    return tokenReply(newest.token, newest.expiresAt, now);
  const issued = state.issueToken(app.appid, 'stable');
  return tokenReply(issued.token, issued.record.expiresAt, now);
}

/**
 * GET /cgi-bin/token, the classic API: every call revokes the app's previous classic
 * token, which is why several servers sharing one app break each other with it.
 * Stable tokens are kept apart and stay valid.
 */
export function classicToken(state: FakeWechatState, request: FakeRequest): FakeReply {
  if (request.query.get('grant_type') !== 'client_credential')
    return errorReply(40002, 'invalid grant_type');
  const app = checkCredentials(state, request.query.get('appid'), request.query.get('secret'));
  if (isReply(app)) return app;
  state.revokeTokens(app.appid, 'classic');
  const issued = state.issueToken(app.appid, 'classic');
  return tokenReply(issued.token, issued.record.expiresAt, state.now());
}

/**
 * Checks the access_token query parameter of an API call: 41001 when missing, 40001
 * when unknown or revoked, 42001 when expired, 48001 when the API belongs to another
 * kind of app. Returns the calling app or the error reply.
 */
export function authorize(
  state: FakeWechatState,
  request: FakeRequest,
  kind: FakeWechatApp['kind'],
): FakeWechatApp | FakeReply {
  const token = request.query.get('access_token');
  if (!token) return errorReply(41001, 'access_token missing');
  const record = state.tokens.get(token);
  if (!record || record.revoked) {
    return errorReply(40001, 'invalid credential, access_token is invalid or not latest');
  }
  if (record.expiresAt <= state.now()) return errorReply(42001, 'access_token expired');
  const app = state.apps.get(record.appid);
  if (!app) return errorReply(40001, 'invalid credential, access_token is invalid or not latest');
  if (app.kind !== kind) return errorReply(48001, 'api unauthorized');
  return app;
}

export { isReply };
