import type { ScanTicketState, ScanTicketView } from '@ucz/shared';
import { apiUrl } from '@/api/http';

/** States after which a ticket never changes again. */
export const terminalStates: ReadonlySet<ScanTicketState> = new Set([
  'confirmed',
  'cancelled',
  'expired',
]);

export interface WatchOptions {
  ticketId: string;
  /** Reads the ticket once (GET /api/wechat/scan-tickets/:id), for polling. */
  read: (ticketId: string) => Promise<ScanTicketView>;
  onState: (view: ScanTicketView) => void;
  /** Receives a failed poll. Polling goes on until the ticket ends or the watch stops. */
  onError: (error: unknown) => void;
  /** Milliseconds between polls. */
  pollMs?: number;
}

function parseView(data: unknown): ScanTicketView | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const parsed = JSON.parse(data) as Partial<ScanTicketView>;
    return typeof parsed.state === 'string' ? (parsed as ScanTicketView) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Follows a scan ticket until it reaches a terminal state, and returns the function that
 * stops following it. It listens to the ticket's Server-Sent Events ("state" events) and
 * closes the EventSource on a terminal state, because the server ends the stream then
 * and the browser would otherwise reconnect. Where EventSource is missing, or the stream
 * fails, it polls the ticket instead.
 */
export function watchScanTicket({
  ticketId,
  read,
  onState,
  onError,
  pollMs = 2000,
}: WatchOptions): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let source: EventSource | undefined;

  const deliver = (view: ScanTicketView) => {
    if (stopped) return;
    onState(view);
    if (terminalStates.has(view.state)) stop();
  };

  const poll = async () => {
    if (stopped) return;
    try {
      deliver(await read(ticketId));
    } catch (error) {
      if (!stopped) onError(error);
    }
    if (!stopped) timer = setTimeout(() => void poll(), pollMs);
  };

  function stop() {
    stopped = true;
    source?.close();
    source = undefined;
    if (timer !== undefined) clearTimeout(timer);
  }

  if (typeof EventSource === 'function') {
    const path = `/api/wechat/scan-tickets/${encodeURIComponent(ticketId)}/events`;
    source = new EventSource(apiUrl(path), { withCredentials: true });
    source.addEventListener('state', (event) => {
      const view = parseView((event as MessageEvent).data);
      if (view) deliver(view);
    });
    source.onerror = () => {
      // A stream that failed or closed before a terminal state: polling takes over.
      source?.close();
      source = undefined;
      void poll();
    };
  } else {
    void poll();
  }

  return stop;
}
