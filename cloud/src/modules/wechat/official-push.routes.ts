import type { IncomingMessage } from 'node:http';
import { z } from 'zod';
import { AppError } from '../../http/app-error';
import type { ApiRouter } from '../../http/api-router';
import type { OfficialPushService } from './official-push.service';

/** Pushes are small XML documents; anything larger is not from WeChat. */
const maxPushBytes = 64 * 1024;

const signatureQuery = z.object({
  signature: z.string().max(64).optional(),
  timestamp: z.string().max(20).optional(),
  nonce: z.string().max(64).optional(),
});

/** Reads the raw request body as UTF-8 text, up to `limit` bytes. */
function readText(req: IncomingMessage, limit: number): Promise<string> {
  // The JSON body parser may have read the stream already; such a body is no push.
  if (req.readableEnded) return Promise.resolve('');
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.destroy();
        reject(new AppError('request.payload_too_large'));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Registers the official account's message push endpoint. WeChat calls it with GET to
 * verify the URL and with POST for every message and event; both carry a signature.
 */
export function registerOfficialPushRoutes(api: ApiRouter, push: OfficialPushService): void {
  api.route(
    {
      method: 'get',
      path: '/api/wechat/official/push',
      summary: 'URL verification of the official account message push: echoes echostr',
      tags: ['wechat'],
      query: signatureQuery.extend({ echostr: z.string().max(128).optional() }),
      responses: {
        200: { description: 'The echostr, when the signature is valid', contentType: 'text/plain' },
        401: { description: 'Invalid signature' },
      },
    },
    async (ctx, { query }) => {
      const echostr = push.verifyUrl(query);
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = echostr;
    },
  );

  api.route(
    {
      method: 'post',
      path: '/api/wechat/official/push',
      summary: 'Official account message push (plaintext XML); answers "success" or a text reply',
      tags: ['wechat'],
      query: signatureQuery.extend({ openid: z.string().max(64).optional() }),
      rawBody: {
        contentType: 'text/xml',
        schema: { type: 'string', description: 'WeChat push XML' },
      },
      responses: {
        200: { description: '"success", or a passive reply in XML', contentType: 'text/xml' },
        401: { description: 'Invalid signature' },
      },
    },
    async (ctx, { query }) => {
      const xml = await readText(ctx.req, maxPushBytes);
      const answer = await push.handlePush(query, xml);
      ctx.type = answer.contentType;
      ctx.body = answer.body;
    },
  );
}
