import type { IncomingMessage } from 'node:http';
import type { Logger } from '../../logger';

/**
 * Reads and throws away the rest of a request body after an early response, so the client
 * can finish sending and then read the response instead of a reset connection.
 * A client that sends more than `limitBytes` after that point has its connection closed.
 */
export function discardRequestBody(req: IncomingMessage, limitBytes: number, log: Logger): void {
  if (req.complete || req.destroyed) return;

  let discarded = 0;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > limitBytes && !req.socket.destroyed) {
      log.warn(
        { discarded, limitBytes },
        'closing connection: client kept sending after the upload was rejected',
      );
      req.socket.destroy();
    }
  });
  req.on('error', (error) =>
    log.debug({ err: error }, 'request stream error while discarding the body'),
  );
  req.resume();
}
