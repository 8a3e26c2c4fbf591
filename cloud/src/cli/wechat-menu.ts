import pino from 'pino';
import { systemClock } from '../lib/clock';
import { createLogger } from '../logger';
import { runMenuCommand } from '../modules/wechat/menu-command';

/**
 * Prints the official account's menu as JSON on stdout, and with --create installs it
 * (see `npm run wechat-menu -- --help`). Logs and messages go to stderr.
 */
async function main(): Promise<void> {
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn', pino.destination(2));
  process.exitCode = await runMenuCommand(
    process.argv.slice(2),
    process.env,
    {
      out: (text) => process.stdout.write(`${text}\n`),
      err: (text) => process.stderr.write(`${text}\n`),
    },
    { logger, clock: systemClock },
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
