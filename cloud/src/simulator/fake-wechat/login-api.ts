import { randomBytes } from 'node:crypto';
import { loginCodeLifetimeMs } from './fake-state';
import type { FakeWechatState } from './fake-state';
import { errorReply, jsonReply } from './fake-types';
import type { FakeReply, FakeRequest } from './fake-types';

/**
 * GET /sns/jscode2session. A code works once (40163 afterwards), for the app that
 * issued it and for 5 minutes (40029 otherwise, and for codes the fake never issued).
 * The reply carries a unionid only when the app is bound to an Open Platform account.
 */
export function jscode2session(state: FakeWechatState, request: FakeRequest): FakeReply {
  const { query } = request;
  if (query.get('grant_type') !== 'authorization_code')
    return errorReply(40002, 'invalid grant_type');
  const app = state.apps.get(query.get('appid') ?? '');
  if (!app || app.kind !== 'miniprogram') return errorReply(40013, 'invalid appid');
  if (query.get('secret') !== app.secret) return errorReply(40125, 'invalid appsecret');
  const jsCode = query.get('js_code');
  if (!jsCode) return errorReply(41008, 'missing code');

  const code = state.codes.get(jsCode);
  if (!code || code.appid !== app.appid) return errorReply(40029, 'invalid code');
  if (code.used) return errorReply(40163, 'code been used');
  if (state.now() - code.issuedAt > loginCodeLifetimeMs) return errorReply(40029, 'invalid code');
  code.used = true;

  return jsonReply({
    session_key: randomBytes(16).toString('base64'),
    openid: code.openid,
    ...(app.unionBound ? { unionid: code.unionid ?? state.unionidOf(code.openid) } : {}),
  });
}
