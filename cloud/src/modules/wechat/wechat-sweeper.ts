import type { Connection } from 'mongoose';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../logger';
import { bindTicketModel } from './binding.model';
import { usedLoginCodeModel } from './identity.model';
import { pushEventModel } from './push-event.model';
import { scanStepModel, scanTicketModel } from './scan-ticket.model';

/**
 * Used login codes are kept well past their 5-minute life, push records past WeChat's
 * retries, and scan tickets with their steps a day past their 2-minute life.
 */
const keepMs = 24 * 60 * 60_000;

/**
 * Deletes used-code hashes, push dedupe records and scan tickets older than a day, and
 * expired bind tickets; returns how many went.
 */
export async function sweepWechatRecords(deps: {
  db: Connection;
  clock: Clock;
  logger: Logger;
}): Promise<number> {
  const now = deps.clock.now();
  const before = new Date(now.getTime() - keepMs);
  const codes = await usedLoginCodeModel(deps.db).deleteMany({ usedAt: { $lt: before } });
  const pushes = await pushEventModel(deps.db).deleteMany({ receivedAt: { $lt: before } });
  const tickets = await scanTicketModel(deps.db).deleteMany({ expiresAt: { $lt: before } });
  const steps = await scanStepModel(deps.db).deleteMany({ at: { $lt: before } });
  const bindTickets = await bindTicketModel(deps.db).deleteMany({ expiresAt: { $lte: now } });
  const removed =
    codes.deletedCount +
    pushes.deletedCount +
    tickets.deletedCount +
    steps.deletedCount +
    bindTickets.deletedCount;
  if (removed > 0)
    deps.logger.info({ component: 'wechat-sweeper', removed }, 'old WeChat records removed');
  return removed;
}
