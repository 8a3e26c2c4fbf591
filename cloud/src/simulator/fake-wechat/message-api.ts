import { appendRecord } from './fake-state';
import type { FakeWechatState } from './fake-state';
import { authorize, isReply } from './token-api';
import { errorReply, jsonBody, jsonReply, malformedJsonReply } from './fake-types';
import type { FakeReply, FakeRequest } from './fake-types';
import { isValidSubscribeValue } from './subscribe-field-rules';

const miniprogramStates = ['developer', 'trial', 'formal'];
const languages = ['zh_CN', 'en_US', 'zh_HK', 'zh_TW'];

/** Reads `data: {key: {value}}`; undefined when its shape is wrong. */
function readData(data: unknown): Record<string, string> | undefined {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return undefined;
  const values: Record<string, string> = {};
  for (const [key, entry] of Object.entries(data)) {
    const value = (entry as { value?: unknown } | null)?.value;
    if (typeof value !== 'string') return undefined;
    values[key] = value;
  }
  return values;
}

/**
 * POST /cgi-bin/message/subscribe/send. Checks in this order: token, template (40037),
 * openid (40003), data against the template's field types (47003 naming the field),
 * then the one-time grants of (openid, template): 43101 when none is left. A message
 * that passes consumes one grant.
 */
export function sendSubscribeMessage(state: FakeWechatState, request: FakeRequest): FakeReply {
  const app = authorize(state, request, 'miniprogram');
  if (isReply(app)) return app;
  const body = jsonBody(request);
  if (!body) return malformedJsonReply();

  const template = app.templates?.find((candidate) => candidate.templateId === body.template_id);
  if (!template) return errorReply(40037, 'invalid template_id');
  const touser = body.touser;
  if (typeof touser !== 'string' || !state.isUser(app.appid, touser))
    return errorReply(40003, 'invalid openid');

  const data = readData(body.data);
  if (!data) return errorReply(47003, 'argument invalid! data invalid');
  for (const key of Object.keys(data)) {
    if (!template.keys.includes(key))
      return errorReply(47003, `argument invalid! data.${key} not in template`);
  }
  for (const key of template.keys) {
    const value = data[key];
    if (value === undefined) return errorReply(47003, `argument invalid! data.${key}.value empty`);
    if (!isValidSubscribeValue(key, value))
      return errorReply(47003, `argument invalid! data.${key}.value invalid`);
  }
  const miniprogramState = body.miniprogram_state ?? 'formal';
  if (typeof miniprogramState !== 'string' || !miniprogramStates.includes(miniprogramState)) {
    return errorReply(47003, 'argument invalid! miniprogram_state invalid');
  }
  const lang = body.lang ?? 'zh_CN';
  if (typeof lang !== 'string' || !languages.includes(lang))
    return errorReply(47003, 'argument invalid! lang invalid');

  const left = state.grantsLeft(app.appid, touser, template.templateId);
  if (left <= 0) return errorReply(43101, 'user refuse to accept the msg');
  state.grants.set(state.grantKey(app.appid, touser, template.templateId), left - 1);

  appendRecord(state.subscribeMessages, {
    appid: app.appid,
    touser,
    templateId: template.templateId,
    ...(typeof body.page === 'string' ? { page: body.page } : {}),
    data,
    miniprogramState,
    lang,
    sentAt: state.clock.now(),
  });
  return jsonReply({ errcode: 0, errmsg: 'ok' });
}

/**
 * POST /cgi-bin/message/template/send (official account). Template messages are not
 * one-time, but the user must follow the account: 43004 otherwise.
 */
export function sendTemplateMessage(state: FakeWechatState, request: FakeRequest): FakeReply {
  const app = authorize(state, request, 'official_account');
  if (isReply(app)) return app;
  const body = jsonBody(request);
  if (!body) return malformedJsonReply();

  const template = app.templates?.find((candidate) => candidate.templateId === body.template_id);
  if (!template) return errorReply(40037, 'invalid template_id');
  const touser = body.touser;
  if (typeof touser !== 'string' || !state.isUser(app.appid, touser))
    return errorReply(40003, 'invalid openid');
  if (!state.followers.get(app.appid)?.has(touser)) return errorReply(43004, 'require subscribe');
  const data = readData(body.data);
  if (!data) return errorReply(47001, 'data format error');

  const msgid = state.newMsgId();
  const miniprogram = body.miniprogram as { appid?: unknown; pagepath?: unknown } | undefined;
  appendRecord(state.templateMessages, {
    appid: app.appid,
    touser,
    templateId: template.templateId,
    ...(typeof body.url === 'string' ? { url: body.url } : {}),
    ...(miniprogram && typeof miniprogram.appid === 'string'
      ? {
          miniprogram: {
            appid: miniprogram.appid,
            ...(typeof miniprogram.pagepath === 'string' ? { pagepath: miniprogram.pagepath } : {}),
          },
        }
      : {}),
    data,
    msgid,
    sentAt: state.clock.now(),
  });
  return jsonReply({ errcode: 0, errmsg: 'ok', msgid });
}

interface MenuButton {
  type?: unknown;
  name?: unknown;
  key?: unknown;
  url?: unknown;
  appid?: unknown;
  pagepath?: unknown;
  sub_button?: unknown;
}

function bytes(value: unknown): number {
  return typeof value === 'string' ? Buffer.byteLength(value, 'utf8') : 0;
}

// NOTE: the limits follow WeChat's menu documentation; the errcodes for missing
// miniprogram fields are a guess, because the documentation does not list them.
function checkButton(button: MenuButton, maxNameBytes: number): FakeReply | undefined {
  if (bytes(button.name) === 0 || bytes(button.name) > maxNameBytes)
    return errorReply(40018, 'invalid button name size');
  if (Array.isArray(button.sub_button) && button.sub_button.length > 0) return undefined;
  switch (button.type) {
    case 'click':
      return bytes(button.key) === 0 || bytes(button.key) > 128
        ? errorReply(40019, 'invalid button key size')
        : undefined;
    case 'view':
      return bytes(button.url) === 0 || bytes(button.url) > 1024
        ? errorReply(40020, 'invalid button url size')
        : undefined;
    case 'miniprogram':
      if (bytes(button.url) === 0) return errorReply(40020, 'invalid button url size');
      if (typeof button.appid !== 'string' || bytes(button.appid) === 0)
        return errorReply(40013, 'invalid appid');
      return bytes(button.pagepath) === 0
        ? errorReply(40027, 'invalid sub button url size')
        : undefined;
    default:
      return errorReply(40017, 'invalid button type');
  }
}

/** POST /cgi-bin/menu/create (official account): at most 3 buttons of at most 5 sub-buttons. */
export function createMenu(state: FakeWechatState, request: FakeRequest): FakeReply {
  const app = authorize(state, request, 'official_account');
  if (isReply(app)) return app;
  const body = jsonBody(request);
  if (!body) return malformedJsonReply();

  const buttons = body.button;
  if (!Array.isArray(buttons) || buttons.length === 0 || buttons.length > 3) {
    return errorReply(40016, 'invalid button size');
  }
  for (const button of buttons as MenuButton[]) {
    const problem = checkButton(button, 16);
    if (problem) return problem;
    const subButtons = Array.isArray(button.sub_button) ? (button.sub_button as MenuButton[]) : [];
    if (subButtons.length > 5) return errorReply(40023, 'invalid sub button size');
    for (const subButton of subButtons) {
      const subProblem = checkButton(subButton, 60);
      if (subProblem) return subProblem;
    }
  }
  state.menus.set(app.appid, body);
  return jsonReply({ errcode: 0, errmsg: 'ok' });
}
