import { PassThrough } from 'node:stream';
import type { ScanTicketView } from '@ucz/shared';
import type { Logger } from '../../logger';
import type { ScanTicketEvents } from './scan-ticket-events';

/** States after which a ticket never changes again; the stream ends after sending one. */
const finalStates = new Set<ScanTicketView['state']>(['confirmed', 'cancelled', 'expired']);

/** Comment lines keep proxies from closing an idle stream. */
const keepAliveMs = 15_000;

function stateEvent(view: ScanTicketView, sequence: number): string {
  return `id: ${sequence}\nevent: state\ndata: ${JSON.stringify(view)}\n\n`;
}

/**
 * Opens the Server-Sent Events stream of one scan ticket. It sends the current state at
 * once, then every change: immediately when this instance changes the ticket (through
 * `events`), and within `pollMs` when another instance does (by reading the database
 * while the stream is open). The stream ends after a final state; closing the
 * connection stops its timers.
 */
export function openScanTicketStream(deps: {
  ticketId: string;
  initial: ScanTicketView;
  read: () => Promise<ScanTicketView | undefined>;
  events: ScanTicketEvents;
  pollMs: number;
  logger: Logger;
}): PassThrough {
  const stream = new PassThrough();
  const log = deps.logger.child({ component: 'scan-ticket-stream', ticketId: deps.ticketId });
  let last = deps.initial.state;
  let sequence = 0;
  let finished = false;
  let reading = false;
  let readAgain = false;

  const send = (view: ScanTicketView) => {
    sequence += 1;
    last = view.state;
    stream.write(stateEvent(view, sequence));
  };

  // The browser's EventSource reconnects after 1 s when the connection drops.
  stream.write('retry: 1000\n\n');
  send(deps.initial);
  if (finalStates.has(deps.initial.state)) {
    stream.end();
    return stream;
  }

  const finish = () => {
    if (finished) return;
    finished = true;
    clearInterval(poll);
    clearInterval(keepAlive);
    unsubscribe();
    if (!stream.writableEnded) stream.end();
    log.debug({ lastState: last }, 'scan ticket stream closed');
  };

  /** Reads the ticket and sends its state when it changed; one read at a time. */
  const check = async () => {
    if (finished) return;
    if (reading) {
      readAgain = true;
      return;
    }
    reading = true;
    try {
      const view = await deps.read();
      if (!finished && view && view.state !== last) {
        send(view);
        if (finalStates.has(view.state)) finish();
      }
    } catch (error) {
      // The next poll tries again; the browser keeps its last state meanwhile.
      log.warn({ err: error }, 'reading the scan ticket for its stream failed');
    } finally {
      reading = false;
    }
    if (readAgain && !finished) {
      readAgain = false;
      await check();
    }
  };
  const checkSoon = () => {
    void check();
  };

  const poll = setInterval(checkSoon, deps.pollMs);
  const keepAlive = setInterval(() => {
    if (!finished) stream.write(': keep-alive\n\n');
  }, keepAliveMs);
  const unsubscribe = deps.events.subscribe(deps.ticketId, checkSoon);
  stream.on('close', finish);
  return stream;
}
