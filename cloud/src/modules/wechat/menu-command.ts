import { parseArgs } from 'node:util';
import { z } from 'zod';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../logger';
import { createMemoryTokenCache } from './access-token-cache';
import { buildOfficialMenu } from './official-menu';
import { createWechatClient } from './wechat-client';
import { WechatApiError, WechatTransportError } from './wechat-errors';

export const menuUsage = `Prints the custom menu of the official account 深证通客户服务中心 as JSON, and
with --create installs it through WeChat's /cgi-bin/menu/create.

Usage:
  npm run wechat-menu -- [--create] [--appid WXAPPID] [--page PAGE] [--url URL]

Options:
  --appid   AppID of the mini-program that 个人信息 opens (default: WECHAT_APPID)
  --page    its profile page, without a leading slash (default: WECHAT_PROFILE_PAGE,
            else pages/profile/index)
  --url     website opened by 客户专区 and by WeChat clients that cannot open
            mini-programs (default: PUBLIC_URL)
  --create  install the menu; needs WECHAT_API_BASE_URL, WECHAT_OFFICIAL_APPID and
            WECHAT_OFFICIAL_SECRET in the environment
  --help    print this text`;

const optionsSchema = z.object({
  appid: z.string().regex(/^wx[0-9a-zA-Z]{16}$/u, 'expected wx followed by 16 letters or digits'),
  page: z
    .string()
    .regex(
      /^[A-Za-z0-9_\-.]+(\/[A-Za-z0-9_\-.]+)*$/u,
      'expected a page path without a leading slash or query',
    ),
  url: z.url({ protocol: /^https?$/u }),
});

const createSchema = z.object({
  WECHAT_API_BASE_URL: z.url(),
  WECHAT_OFFICIAL_APPID: z
    .string()
    .regex(/^wx[0-9a-zA-Z]{16}$/u, 'expected wx followed by 16 letters or digits'),
  WECHAT_OFFICIAL_SECRET: z.string().min(16),
});

function problemsOf(
  error: z.ZodError,
  input: Record<string, unknown>,
  names: Record<string, string>,
): string {
  return error.issues
    .map((issue) => {
      const key = String(issue.path[0]);
      const problem = input[key] === undefined ? 'missing' : issue.message;
      return `${names[key] ?? key}: ${problem}`;
    })
    .join('\n');
}

/**
 * Runs the menu command and returns its exit code: 0 on success, 1 when WeChat refused
 * the menu or could not be reached, 2 for bad options or settings.
 */
export async function runMenuCommand(
  argv: string[],
  env: Record<string, string | undefined>,
  io: { out: (text: string) => void; err: (text: string) => void },
  deps: { logger: Logger; clock: Clock; fetch?: typeof fetch },
): Promise<number> {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: {
        create: { type: 'boolean', default: false },
        appid: { type: 'string' },
        page: { type: 'string' },
        url: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${menuUsage}`);
    return 2;
  }
  if (values.help) {
    io.out(menuUsage);
    return 0;
  }

  const given = {
    appid: values.appid ?? env.WECHAT_APPID,
    page: values.page ?? env.WECHAT_PROFILE_PAGE ?? 'pages/profile/index',
    url: values.url ?? env.PUBLIC_URL,
  };
  const options = optionsSchema.safeParse(given);
  if (!options.success) {
    io.err(
      problemsOf(options.error, given, {
        appid: '--appid (or WECHAT_APPID)',
        page: '--page',
        url: '--url (or PUBLIC_URL)',
      }),
    );
    return 2;
  }
  const menu = buildOfficialMenu({
    miniProgramAppid: options.data.appid,
    profilePage: options.data.page,
    websiteUrl: options.data.url,
  });
  io.out(JSON.stringify(menu, null, 2));
  if (!values.create) return 0;

  const settings = createSchema.safeParse(env);
  if (!settings.success) {
    io.err(problemsOf(settings.error, env, {}));
    return 2;
  }
  const app = {
    appid: settings.data.WECHAT_OFFICIAL_APPID,
    secret: settings.data.WECHAT_OFFICIAL_SECRET,
  };
  const client = createWechatClient({
    baseUrl: settings.data.WECHAT_API_BASE_URL,
    app,
    // A single call needs no shared cache, and stable_token leaves other instances' tokens valid.
    tokenCache: createMemoryTokenCache(),
    clock: deps.clock,
    logger: deps.logger,
    timeoutMs: 10_000,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
  });
  try {
    await client.createMenu(menu);
  } catch (error) {
    if (error instanceof WechatApiError || error instanceof WechatTransportError) {
      io.err(`Menu not created: ${error.message}`);
      return 1;
    }
    throw error;
  }
  io.err(`Menu created for the official account ${app.appid}.`);
  return 0;
}
