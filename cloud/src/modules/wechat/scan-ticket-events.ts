import { EventEmitter } from 'node:events';

/**
 * In-process notices that a scan ticket changed. They reach only the watchers on this
 * instance, so a change made here reaches them at once. Watchers also poll the
 * database to learn about changes made on other instances.
 */
export interface ScanTicketEvents {
  notify(ticketId: string): void;
  /** Calls `listener` on every notice for the ticket; returns the function that stops it. */
  subscribe(ticketId: string, listener: () => void): () => void;
}

export function createScanTicketEvents(): ScanTicketEvents {
  const emitter = new EventEmitter();
  // One listener per open watcher; the count is bounded by open connections, not by a constant.
  emitter.setMaxListeners(0);
  return {
    notify: (ticketId) => {
      emitter.emit(ticketId);
    },
    subscribe: (ticketId, listener) => {
      emitter.on(ticketId, listener);
      return () => {
        emitter.off(ticketId, listener);
      };
    },
  };
}
