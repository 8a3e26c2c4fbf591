import { bakedApiOrigin } from './weapp-build';

/** The callbacks that every asynchronous wx API takes. */
interface WxCallbacks<T> {
  success?: (result: T) => void;
  fail?: (error: { errMsg: string }) => void;
  complete?: (resultOrError: T | { errMsg: string }) => void;
}

interface WxRequestOptions extends WxCallbacks<WxRequestResult> {
  url: string;
  method?: string;
  data?: unknown;
  header?: Record<string, string>;
  dataType?: string;
}

interface WxRequestResult {
  data: unknown;
  statusCode: number;
  header: Record<string, string>;
  cookies: string[];
  errMsg: string;
}

/** One wx.request that the mini-program sent, as the backend received it. */
export interface SentRequest {
  method: string;
  /** Path and query on the API origin, such as `/api/wechat/login`. */
  path: string;
}

/** One page change that the mini-program asked for. */
export interface Navigation {
  api: 'navigateTo' | 'redirectTo' | 'reLaunch' | 'switchTab' | 'navigateBack';
  url?: string;
}

export interface WxBackend {
  /** Origin of the backend under test, such as `http://127.0.0.1:43123`. */
  baseUrl: string;
  /** Makes a wx.login code of the mini-program for the WeChat user `openid`. */
  issueLoginCode(openid: string): string;
}

function settle<T>(options: WxCallbacks<T>, outcome: { ok: T } | { error: string }): void {
  if ('ok' in outcome) {
    options.success?.(outcome.ok);
    options.complete?.(outcome.ok);
  } else {
    const error = { errMsg: outcome.error };
    options.fail?.(error);
    options.complete?.(error);
  }
}

/** Builds the request body as WeChat does: objects become JSON unless the content type is a form. */
function bodyOf(data: unknown, contentType: string): string | undefined {
  if (data === undefined || data === null) return undefined;
  if (typeof data === 'string') return data;
  if (/application\/x-www-form-urlencoded/iu.test(contentType))
    return new URLSearchParams(data as Record<string, string>).toString();
  return JSON.stringify(data);
}

/**
 * The `wx` APIs that the scan-login, bind and profile pages call. wx.request sends real
 * HTTP to the backend under test, in place of the origin the build baked in. wx.login
 * returns a real code of the backend's fake WeChat server. Storage is an in-memory map,
 * and page changes are recorded for the test, not performed. Every other `wx` API is
 * miniprogram-simulate's built-in mock, which returns fixed values.
 */
export class WxStandIn {
  /** The WeChat user that wx.login acts as; undefined makes wx.login fail. */
  user: string | undefined;
  readonly requests: SentRequest[] = [];
  readonly navigations: Navigation[] = [];
  readonly logins: string[] = [];
  readonly storage = new Map<string, unknown>();
  private backend: WxBackend | undefined;
  private pending = 0;

  /** Points wx.request and wx.login at the backend under test. */
  connect(backend: WxBackend): void {
    this.backend = backend;
  }

  /** Forgets the recorded calls and the storage, as a fresh install of the mini-program would. */
  reset(user?: string): void {
    this.user = user;
    this.requests.length = 0;
    this.navigations.length = 0;
    this.logins.length = 0;
    this.storage.clear();
  }

  /** Number of wx.request calls that have not completed yet. */
  get requestsInFlight(): number {
    return this.pending;
  }

  /** Replaces the APIs above on the global `wx` object that Taro's runtime calls. */
  install(wx: Record<string, unknown>): void {
    const storage = this.storage;
    const navigate =
      (api: Navigation['api']) => (options: WxCallbacks<{ errMsg: string }> & { url?: string }) => {
        this.navigations.push({ api, ...(options.url === undefined ? {} : { url: options.url }) });
        setTimeout(() => settle(options, { ok: { errMsg: `${api}:ok` } }), 0);
      };

    Object.assign(wx, {
      request: (options: WxRequestOptions) => this.request(options),
      login: (options: WxCallbacks<{ code: string; errMsg: string }>) => {
        const user = this.user;
        setTimeout(() => {
          if (!user || !this.backend) {
            settle(options, { error: 'login:fail no WeChat user is logged in' });
            return;
          }
          this.logins.push(user);
          settle(options, { ok: { code: this.backend.issueLoginCode(user), errMsg: 'login:ok' } });
        }, 0);
      },
      getStorageSync: (key: string) => (storage.has(key) ? storage.get(key) : ''),
      setStorageSync: (key: string, value: unknown) => {
        storage.set(key, value);
      },
      removeStorageSync: (key: string) => {
        storage.delete(key);
      },
      clearStorageSync: () => storage.clear(),
      navigateTo: navigate('navigateTo'),
      redirectTo: navigate('redirectTo'),
      reLaunch: navigate('reLaunch'),
      switchTab: navigate('switchTab'),
      navigateBack: navigate('navigateBack'),
    });
  }

  private request(options: WxRequestOptions): { abort(): void } {
    const controller = new AbortController();
    const backend = this.backend;
    const method = (options.method ?? 'GET').toUpperCase();

    // WeChat rejects requests to origins outside the app's domain list; here the only
    // allowed origin is the one baked into the build.
    if (!backend || !options.url.startsWith(`${bakedApiOrigin}/`)) {
      setTimeout(
        () => settle(options, { error: `request:fail url not in domain list: ${options.url}` }),
        0,
      );
      return { abort: () => undefined };
    }

    const url = new URL(backend.baseUrl + options.url.slice(bakedApiOrigin.length));
    const header = { ...options.header };
    const contentType =
      Object.entries(header).find(([name]) => name.toLowerCase() === 'content-type')?.[1] ??
      'application/json';
    let body: string | undefined;
    if (method === 'GET' && options.data && typeof options.data === 'object') {
      for (const [name, value] of Object.entries(options.data as Record<string, unknown>))
        url.searchParams.set(name, String(value));
    } else if (method !== 'GET') {
      body = bodyOf(options.data, contentType);
      if (body !== undefined) header['Content-Type'] = contentType;
    }

    this.requests.push({ method, path: url.pathname + url.search });
    this.pending += 1;
    void (async () => {
      try {
        const response = await fetch(url, {
          method,
          headers: header,
          body,
          signal: controller.signal,
        });
        const text = await response.text();
        let data: unknown = text;
        if ((options.dataType ?? 'json') === 'json') {
          try {
            data = JSON.parse(text);
          } catch {
            // WeChat hands over the raw text when the body is not JSON.
          }
        }
        settle(options, {
          ok: {
            data,
            statusCode: response.status,
            header: Object.fromEntries(response.headers.entries()),
            cookies: [],
            errMsg: 'request:ok',
          },
        });
      } catch (error) {
        settle(options, {
          error: `request:fail ${error instanceof Error ? error.message : String(error)}`,
        });
      } finally {
        this.pending -= 1;
      }
    })();
    return { abort: () => controller.abort() };
  }
}
