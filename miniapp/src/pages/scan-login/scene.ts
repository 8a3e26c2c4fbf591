/** A scan ticket id, as the backend makes it: 32 letters and digits. */
const ticketIdPattern = /^[0-9A-Za-z]{32}$/u;

/**
 * Returns the scan ticket id carried by the `scene` launch option, or undefined when it
 * is missing or malformed. WeChat passes the scene URL-encoded, so it is decoded once.
 */
export function ticketIdOfScene(scene: string | undefined): string | undefined {
  if (!scene) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(scene);
  } catch {
    return undefined;
  }
  // NOTE: whether Taro's router already decodes `scene` on weapp was not checked. A
  // second decode changes nothing for ticket ids, which are letters and digits only.
  return ticketIdPattern.test(decoded) ? decoded : undefined;
}
