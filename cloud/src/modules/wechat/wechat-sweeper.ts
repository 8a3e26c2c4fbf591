import type { Connection } from 'mongoose';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../logger';
import { usedLoginCodeModel } from './identity.model';
import { pushEventModel } from './push-event.model';

/** Used login codes are kept well past their 5-minute life, push records past WeChat's retries. */
const keepMs = 24 * 60 * 60_000;

/** Deletes used-code hashes and push dedupe records older than a day; returns how many went. */
export async function sweepWechatRecords(deps: {
  db: Connection;
  clock: Clock;
  logger: Logger;
}): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - keepMs);
  const codes = await usedLoginCodeModel(deps.db).deleteMany({ usedAt: { $lt: before } });
  const pushes = await pushEventModel(deps.db).deleteMany({ receivedAt: { $lt: before } });
  const removed = codes.deletedCount + pushes.deletedCount;
  if (removed > 0)
    deps.logger.info({ component: 'wechat-sweeper', removed }, 'old WeChat records removed');
  return removed;
}
