import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake API received. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  /** Parsed JSON body, or the raw byte count for other bodies. */
  body: unknown;
}

export interface FakeReply {
  status?: number;
  body?: unknown;
  /** Milliseconds to wait before responding. */
  delayMs?: number;
  /** A non-JSON body (a document), sent with `contentType` in place of `body`. */
  bytes?: Buffer;
  contentType?: string;
}

export type FakeHandler = (request: RecordedRequest) => FakeReply | Promise<FakeReply>;

/** Routes by "METHOD /path" (the path without its query string). */
export type FakeRoutes = Record<string, FakeHandler>;

export interface FakeApi {
  url: string;
  requests: RecordedRequest[];
  /** Replaces or adds routes for the rest of the test. */
  route: (routes: FakeRoutes) => void;
  close: () => Promise<void>;
}

/**
 * A stand-in for the backend on 127.0.0.1: a real HTTP server responding with canned
 * JSON, so the app's requests go through Taro's request API and the browser's
 * XMLHttpRequest as they do in production. It allows cross-origin calls because jsdom's
 * page lives on another origin.
 */
export async function startFakeApi(initialRoutes: FakeRoutes = {}): Promise<FakeApi> {
  const routes: FakeRoutes = { ...initialRoutes };
  const requests: RecordedRequest[] = [];

  const server = http.createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', '*');
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PUT, PATCH, DELETE');
    if (req.method === 'OPTIONS') {
      res.statusCode = 204;
      res.end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const isJson = (req.headers['content-type'] ?? '').includes('application/json');
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        body: isJson && raw.length > 0 ? (JSON.parse(raw.toString('utf8')) as unknown) : raw.length,
      };
      requests.push(recorded);
      const handler = routes[`${recorded.method} ${path}`];
      void Promise.resolve(
        handler
          ? handler(recorded)
          : {
              status: 404,
              body: {
                error: {
                  code: 'request.not_found',
                  message: `no fake route for ${recorded.method} ${path}`,
                },
              },
            },
      ).then(async (reply) => {
        if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
        res.statusCode = reply.status ?? 200;
        if (reply.bytes) {
          res.setHeader('Content-Type', reply.contentType ?? 'application/octet-stream');
          res.end(reply.bytes);
          return;
        }
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        res.end(JSON.stringify(reply.body ?? {}));
      });
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    route: (more) => Object.assign(routes, more),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Points the app's API calls at `url` (the build defines UCZ_API_BASE as a constant). */
export function useApiBase(url: string): void {
  (globalThis as Record<string, unknown>).UCZ_API_BASE = url;
}
