import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { z } from 'zod';

const mailList = z.array(
  z.object({ to: z.array(z.string()), subject: z.string(), text: z.string() }),
);
export type SimulatorMail = z.infer<typeof mailList>[number];

/**
 * Polls the simulator's SMTP sink (GET /simulator/mail, newest first) until it contains
 * a mail to `address` that `matches`, and returns the newest such mail.
 */
export async function waitForMail(
  baseUrl: string,
  address: string,
  matches: (mail: SimulatorMail) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<SimulatorMail> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const response = await fetch(`${baseUrl}/simulator/mail?to=${encodeURIComponent(address)}`);
    const found = mailList.parse(await response.json()).find(matches);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`No ${what} reached ${address} within ${timeoutMs / 1000} s`);
}

/** Returns the six-digit code in a mail. */
export function codeIn(mail: SimulatorMail): string {
  const code = /\b(\d{6})\b/u.exec(mail.text)?.[1];
  if (!code) throw new Error(`No code in the mail "${mail.subject}"`);
  return code;
}

/** Reads the `scene` out of a mini-program code shown as a PNG data URL, as WeChat does on a scan. */
export function sceneOfCode(imageDataUrl: string): string {
  const base64 = /^data:image\/png;base64,(.+)$/u.exec(imageDataUrl)?.[1];
  if (!base64) throw new Error('The mini-program code is not a PNG data URL');
  const png = PNG.sync.read(Buffer.from(base64, 'base64'));
  const text = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
  const scene = text ? new URL(text).searchParams.get('scene') : null;
  if (!scene) throw new Error(`The mini-program code carries no scene (it reads ${String(text)})`);
  return scene;
}
