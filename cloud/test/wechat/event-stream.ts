import http from 'node:http';

/** One Server-Sent Event as the browser's EventSource would dispatch it. */
export interface ReceivedEvent {
  event: string;
  data: string;
  receivedAt: number;
}

export interface EventStreamClient {
  status: number;
  contentType: string;
  /** Events received so far, oldest first. */
  events: ReceivedEvent[];
  /** Waits for the first event, received so far or later, that matches. */
  waitFor(predicate: (event: ReceivedEvent) => boolean, timeoutMs?: number): Promise<ReceivedEvent>;
  /** Resolves when the server ends the stream. */
  ended: Promise<void>;
  close(): void;
  /** The body of a response that is not an event stream, such as an error. */
  body(): string;
}

/** Parses complete events out of `buffer`; returns them and the incomplete rest. */
function parseEvents(buffer: string): {
  events: Omit<ReceivedEvent, 'receivedAt'>[];
  rest: string;
} {
  const blocks = buffer.split('\n\n');
  const rest = blocks.pop() ?? '';
  const events: Omit<ReceivedEvent, 'receivedAt'>[] = [];
  for (const block of blocks) {
    let event = 'message';
    const data: string[] = [];
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) continue;
      const separator = line.indexOf(':');
      const field = separator === -1 ? line : line.slice(0, separator);
      const value = separator === -1 ? '' : line.slice(separator + 1).replace(/^ /u, '');
      if (field === 'event') event = value;
      if (field === 'data') data.push(value);
    }
    if (data.length > 0) events.push({ event, data: data.join('\n') });
  }
  return { events, rest };
}

/**
 * Opens an event stream with a real HTTP request, as a browser's EventSource does, and
 * collects its events. Resolves once the response headers arrive.
 */
export function openEventStream(
  url: string,
  headers: Record<string, string> = {},
): Promise<EventStreamClient> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { headers: { Accept: 'text/event-stream', ...headers } });
    request.on('error', reject);
    request.on('response', (response) => {
      const events: ReceivedEvent[] = [];
      const waiters: {
        predicate: (event: ReceivedEvent) => boolean;
        done: (event: ReceivedEvent) => void;
      }[] = [];
      let buffer = '';
      let raw = '';
      let resolveEnded: () => void = () => undefined;
      const ended = new Promise<void>((done) => {
        resolveEnded = done;
      });

      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        raw += chunk;
        const parsed = parseEvents(buffer + chunk);
        buffer = parsed.rest;
        for (const parsedEvent of parsed.events) {
          const event = { ...parsedEvent, receivedAt: Date.now() };
          events.push(event);
          for (const waiter of [...waiters]) {
            if (waiter.predicate(event)) {
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.done(event);
            }
          }
        }
      });
      response.on('end', () => resolveEnded());
      response.on('close', () => resolveEnded());

      resolve({
        status: response.statusCode ?? 0,
        contentType: response.headers['content-type'] ?? '',
        events,
        ended,
        body: () => raw,
        close: () => request.destroy(),
        waitFor: (predicate, timeoutMs = 3000) => {
          const earlier = events.find(predicate);
          if (earlier) return Promise.resolve(earlier);
          return new Promise((done, fail) => {
            const timer = setTimeout(() => {
              waiters.splice(waiters.indexOf(waiter), 1);
              fail(
                new Error(
                  `no matching event within ${timeoutMs} ms; got ${JSON.stringify(events)}`,
                ),
              );
            }, timeoutMs);
            const waiter = {
              predicate,
              done: (event: ReceivedEvent) => {
                clearTimeout(timer);
                done(event);
              },
            };
            waiters.push(waiter);
          });
        },
      });
    });
  });
}

/** Matches a `state` event whose ticket state is `state`. */
export function stateIs(state: string): (event: ReceivedEvent) => boolean {
  return (event) =>
    event.event === 'state' && (JSON.parse(event.data) as { state: string }).state === state;
}
