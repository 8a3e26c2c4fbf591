import QRCode from 'qrcode';
import { appendRecord } from './fake-state';
import type { FakeWechatState } from './fake-state';
import { authorize, isReply } from './token-api';
import { errorReply, jsonBody, malformedJsonReply } from './fake-types';
import type { FakeReply, FakeRequest } from './fake-types';

/** Characters WeChat accepts in a scene: letters, digits and !#$&'()*+,/:;=?@-._~ */
export const wxacodeScenePattern = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]+$/u;
const pagePattern = /^[A-Za-z0-9_\-.]+(\/[A-Za-z0-9_\-.]+)*$/u;
const envVersions = ['release', 'trial', 'develop'];
const payloadScheme = 'ucz-fake-wxacode:';

/**
 * Builds the text inside a fake mini-program code. A real mini-program code is not a
 * QR code, so the fake renders a QR code that names the app, page and scene instead.
 */
export function fakeWxacodePayload(
  appid: string,
  page: string | undefined,
  scene: string,
  envVersion: string,
): string {
  const query = new URLSearchParams({ scene, env_version: envVersion });
  return `${payloadScheme}//${appid}/${page ?? ''}?${query.toString()}`;
}

/** Reads the app, page and scene back from the text of a fake mini-program code. */
export function parseFakeWxacodePayload(
  text: string,
): { appid: string; page?: string; scene: string } | undefined {
  if (!text.startsWith(payloadScheme)) return undefined;
  const url = new URL(text);
  const scene = url.searchParams.get('scene');
  if (!scene) return undefined;
  const page = url.pathname.replace(/^\//u, '');
  return { appid: url.host, scene, ...(page ? { page } : {}) };
}

/**
 * POST /wxa/getwxacodeunlimit. Returns a real PNG on success and, like WeChat, a JSON
 * error with HTTP 200 otherwise. The errcodes are 40169 for an empty scene or one over
 * 32 characters and 40129 for characters outside the allowed set. A page with a leading
 * slash or a query gets 41030, and so does (with check_path) a page the app lacks.
 */
export async function getUnlimitedWxacode(
  state: FakeWechatState,
  request: FakeRequest,
): Promise<FakeReply> {
  const app = authorize(state, request, 'miniprogram');
  if (isReply(app)) return app;
  const body = jsonBody(request);
  if (!body) return malformedJsonReply();

  const { scene } = body;
  if (typeof scene !== 'string' || scene.length === 0 || scene.length > 32) {
    return errorReply(40169, 'invalid length for scene, or the data is not json string');
  }
  if (!wxacodeScenePattern.test(scene)) return errorReply(40129, 'invalid scene');

  const page = body.page;
  if (page !== undefined) {
    if (typeof page !== 'string' || !pagePattern.test(page))
      return errorReply(41030, 'invalid page');
    const checkPath = body.check_path !== false;
    if (checkPath && app.pages && !app.pages.includes(page))
      return errorReply(41030, 'invalid page');
  }
  const envVersion = body.env_version ?? 'release';
  if (typeof envVersion !== 'string' || !envVersions.includes(envVersion)) {
    return errorReply(40097, 'invalid args: env_version');
  }
  const requestedWidth = typeof body.width === 'number' ? body.width : 430;
  const width = Math.min(1280, Math.max(280, Math.round(requestedWidth)));

  const payload = fakeWxacodePayload(app.appid, page as string | undefined, scene, envVersion);
  const image = await QRCode.toBuffer(payload, {
    type: 'png',
    width,
    margin: 2,
    errorCorrectionLevel: 'M',
    // pngjs (which qrcode renders with) tries every row filter by default: about 1.2 s per
    // 430-pixel image inside Jest, 2 ms with filter 0, which suits black-and-white modules.
    rendererOpts: { filterType: 0 } as { deflateLevel?: number },
  });
  appendRecord(state.wxacodes, {
    appid: app.appid,
    scene,
    ...(typeof page === 'string' ? { page } : {}),
    envVersion,
    payload,
    issuedAt: state.clock.now(),
  });
  return { status: 200, contentType: 'image/png', body: image };
}
