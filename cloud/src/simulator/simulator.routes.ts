import { z } from 'zod';
import type { ApiRouter } from '../http/api-router';
import type { SimulatorWechat } from './fake-wechat/simulator-wechat';
import { renderSimulatorPage } from './simulator-page';
import type { SmsSink, StoredSms } from './sms-sink';
import type { SmtpSink, StoredMail } from './smtp-sink';

const filterQuery = z.object({
  /** Only messages to this recipient (email address, case-insensitive, or E.164 number). */
  to: z.string().trim().min(1).optional(),
});

const mailSchema = z.object({
  id: z.string(),
  from: z.string(),
  to: z.array(z.string()),
  subject: z.string(),
  text: z.string(),
  html: z.string().optional(),
  receivedAt: z.string().describe('ISO 8601 time'),
});

const smsSchema = z.object({
  id: z.string(),
  to: z.string(),
  text: z.string(),
  receivedAt: z.string().describe('ISO 8601 time'),
});

function newestFirst<T>(items: T[]): T[] {
  return [...items].reverse();
}

function mailTo(recipient: string | undefined) {
  const wanted = recipient?.toLowerCase();
  return (mail: StoredMail) =>
    !wanted || mail.to.some((address) => address.toLowerCase() === wanted);
}

function smsTo(recipient: string | undefined) {
  return (sms: StoredSms) => !recipient || sms.to === recipient;
}

/**
 * Registers the viewer of the simulator's sinks: GET /simulator/mail and
 * GET /simulator/sms (JSON, newest first, optional `?to=`) and GET /simulator (HTML),
 * and POST /simulator/wechat/login-code, which plays wx.login for a simulated WeChat
 * user. They expose every code and message sent and let anyone act as any WeChat user,
 * so the app registers them only in simulator mode.
 */
export function registerSimulatorRoutes(
  api: ApiRouter,
  sinks: { smtp: SmtpSink; sms: SmsSink; wechat?: SimulatorWechat },
): void {
  const { wechat } = sinks;
  if (wechat) {
    api.route(
      {
        method: 'post',
        path: '/simulator/wechat/login-code',
        summary:
          'Plays wx.login for a simulated WeChat user of the mini-program: returns a fresh login code',
        tags: ['simulator'],
        body: z.object({
          /** The simulated user; any 1-64 letters, digits, _ or -. */
          openid: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/u),
        }),
        responses: {
          200: {
            description:
              'A code for POST /api/wechat/login or …/scan; it works once, for 5 minutes',
            schema: z.object({ appid: z.string(), code: z.string() }),
          },
        },
      },
      async (ctx, { body }) => {
        ctx.set('Cache-Control', 'no-store');
        ctx.body = {
          appid: wechat.miniProgram.appid,
          code: wechat.issueLoginCode(wechat.miniProgram.appid, body.openid),
        };
      },
    );
  }

  api.route(
    {
      method: 'get',
      path: '/simulator/mail',
      summary: 'Mail received by the simulator SMTP sink, newest first',
      tags: ['simulator'],
      query: filterQuery,
      responses: { 200: { description: 'Stored mail', schema: z.array(mailSchema) } },
    },
    async (ctx, { query }) => {
      ctx.body = newestFirst(sinks.smtp.messages().filter(mailTo(query.to))).map((mail) => ({
        ...mail,
        receivedAt: mail.receivedAt.toISOString(),
      }));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/simulator/sms',
      summary: 'SMS received by the simulator SMS sink, newest first',
      tags: ['simulator'],
      query: filterQuery,
      responses: { 200: { description: 'Stored SMS', schema: z.array(smsSchema) } },
    },
    async (ctx, { query }) => {
      ctx.body = newestFirst(sinks.sms.messages().filter(smsTo(query.to))).map((sms) => ({
        ...sms,
        receivedAt: sms.receivedAt.toISOString(),
      }));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/simulator',
      summary: 'HTML page listing the mail and SMS the simulator received',
      tags: ['simulator'],
      responses: { 200: { description: 'Viewer page', contentType: 'text/html' } },
    },
    async (ctx) => {
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = renderSimulatorPage(
        newestFirst(sinks.smtp.messages()),
        newestFirst(sinks.sms.messages()),
      );
    },
  );
}
