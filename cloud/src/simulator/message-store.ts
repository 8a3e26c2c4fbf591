/** Default number of messages a sink keeps; older ones are dropped first. */
export const defaultSinkCapacity = 500;

/** Default time `waitFor` waits for a matching message. */
export const defaultWaitTimeoutMs = 5000;

interface Waiter<T> {
  predicate: (message: T) => boolean;
  resolve: (message: T) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * The in-memory store behind the simulator's SMTP and SMS sinks: keeps the newest
 * `capacity` messages in arrival order and wakes callers that wait for a message.
 */
export class MessageStore<T> {
  private readonly stored: T[] = [];
  private readonly waiters = new Set<Waiter<T>>();

  constructor(
    private readonly kind: string,
    private readonly capacity: number = defaultSinkCapacity,
  ) {}

  add(message: T): void {
    this.stored.push(message);
    if (this.stored.length > this.capacity)
      this.stored.splice(0, this.stored.length - this.capacity);

    for (const waiter of [...this.waiters]) {
      if (!waiter.predicate(message)) continue;
      this.waiters.delete(waiter);
      clearTimeout(waiter.timer);
      waiter.resolve(message);
    }
  }

  /** Copies of the stored messages, oldest first. */
  list(): T[] {
    return [...this.stored];
  }

  /**
   * Resolves with the newest stored message that matches, or with the next one to
   * arrive; rejects when none arrives within `timeoutMs`.
   */
  waitFor(
    predicate: (message: T) => boolean,
    timeoutMs: number = defaultWaitTimeoutMs,
  ): Promise<T> {
    const existing = this.stored.findLast(predicate);
    if (existing) return Promise.resolve(existing);

    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = {
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new Error(`No matching ${this.kind} arrived within ${timeoutMs} ms`));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  clear(): void {
    this.stored.length = 0;
  }

  /** Rejects every pending `waitFor`, for shutdown. */
  rejectWaiters(reason: string): void {
    for (const waiter of this.waiters) {
      clearTimeout(waiter.timer);
      waiter.reject(new Error(reason));
    }
    this.waiters.clear();
  }
}
