import { createHash, timingSafeEqual } from 'node:crypto';
import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';

/** Query parameters WeChat adds to every push and to the URL verification. */
export interface PushSignatureParams {
  signature?: string;
  timestamp?: string;
  nonce?: string;
}

/** True when `signature` is the hex SHA-1 of token, timestamp and nonce sorted and joined. */
export function isValidPushSignature(token: string, params: PushSignatureParams): boolean {
  const { signature, timestamp, nonce } = params;
  if (!signature || !timestamp || !nonce) return false;
  const expected = createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest();
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A pushed message or event, as plaintext mode delivers it. */
export const pushMessageSchema = z.object({
  ToUserName: z.string().min(1),
  FromUserName: z.string().min(1),
  CreateTime: z.string().regex(/^\d{1,12}$/u),
  MsgType: z.string().min(1),
  Event: z.string().optional(),
  EventKey: z.string().optional(),
  /** 64-bit, so kept as text. */
  MsgId: z
    .string()
    .regex(/^\d{1,20}$/u)
    .optional(),
});
export type PushMessage = z.infer<typeof pushMessageSchema>;

const parser = new XMLParser({ parseTagValue: false, ignoreAttributes: true, trimValues: true });

/**
 * Parses the XML of a push. Returns undefined for anything that is not a plaintext
 * push message, including documents with a DOCTYPE, whose entities could expand.
 */
export function parsePushXml(xml: string): PushMessage | undefined {
  if (/<!DOCTYPE|<!ENTITY/iu.test(xml)) return undefined;
  let document: unknown;
  try {
    document = parser.parse(xml, true);
  } catch {
    return undefined;
  }
  const parsed = pushMessageSchema.safeParse((document as { xml?: unknown } | undefined)?.xml);
  return parsed.success ? parsed.data : undefined;
}

/** Returns the key that all copies of one push share. */
export function pushDedupeKey(message: PushMessage): string {
  if (message.MsgId) return `msg:${message.MsgId}`;
  // Events carry no MsgId: WeChat's rule is FromUserName + CreateTime. Event and key are
  // added because one user can cause two different events within the same second.
  return `event:${message.FromUserName}:${message.CreateTime}:${message.Event ?? ''}:${message.EventKey ?? ''}`;
}

function cdata(text: string): string {
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** Builds a passive text reply to `message`: To and From swapped. */
export function textReplyXml(message: PushMessage, content: string, now: Date): string {
  return [
    '<xml>',
    `<ToUserName>${cdata(message.FromUserName)}</ToUserName>`,
    `<FromUserName>${cdata(message.ToUserName)}</FromUserName>`,
    `<CreateTime>${Math.floor(now.getTime() / 1000)}</CreateTime>`,
    `<MsgType>${cdata('text')}</MsgType>`,
    `<Content>${cdata(content)}</Content>`,
    '</xml>',
  ].join('');
}

/** Escapes text for an HTML attribute value in double quotes. */
export function escapeAttribute(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('"', '&quot;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;');
}
