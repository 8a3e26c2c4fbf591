import Router from '@koa/router';
import type { Middleware } from 'koa';
import type { z } from 'zod';
import { AppError } from './app-error';
import type { AppContext, AppState } from './context';
import type { OpenApiRegistry, OperationSpec } from './openapi';
import { fieldProblemsOf, requestParseOptions } from './zod-issues';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RouteSpec<
  TBody extends z.ZodType | undefined,
  TQuery extends z.ZodType | undefined,
  TParams extends z.ZodType | undefined,
> extends Omit<OperationSpec, 'method' | 'body' | 'query' | 'params'> {
  method: Method;
  body?: TBody;
  query?: TQuery;
  params?: TParams;
  /** Middleware that runs before input parsing, such as authentication. */
  before?: Middleware<AppState>[];
}

type Parsed<T> = T extends z.ZodType ? z.output<T> : undefined;

export interface RouteInput<TBody, TQuery, TParams> {
  body: Parsed<TBody>;
  query: Parsed<TQuery>;
  params: Parsed<TParams>;
}

function parsePart(schema: z.ZodType | undefined, value: unknown, prefix: string[]): unknown {
  if (!schema) return undefined;
  const result = schema.safeParse(value, requestParseOptions);
  if (!result.success) {
    throw new AppError('request.invalid', { fields: fieldProblemsOf(result.error, prefix) });
  }
  return result.data;
}

/**
 * A Koa router whose every route declares its input with zod. The guard parses body,
 * query and path parameters before the handler runs, so handlers see typed input and
 * bad input becomes one `request.invalid` error naming each field. The same specs feed
 * the OpenAPI document.
 */
export class ApiRouter {
  readonly router = new Router<AppState>();

  constructor(private readonly registry: OpenApiRegistry) {}

  route<
    TBody extends z.ZodType | undefined = undefined,
    TQuery extends z.ZodType | undefined = undefined,
    TParams extends z.ZodType | undefined = undefined,
  >(
    spec: RouteSpec<TBody, TQuery, TParams>,
    handler: (ctx: AppContext, input: RouteInput<TBody, TQuery, TParams>) => Promise<void>,
  ): this {
    const { before = [], ...operation } = spec;
    this.registry.add(operation as OperationSpec);

    const guard: Middleware<AppState> = async (ctx) => {
      const input = {
        params: parsePart(spec.params, ctx.params, []),
        query: parsePart(spec.query, ctx.query, []),
        body: parsePart(spec.body, (ctx.request as { body?: unknown }).body ?? {}, []),
      } as RouteInput<TBody, TQuery, TParams>;
      await handler(ctx, input);
    };
    this.router[spec.method](spec.path, ...before, guard);
    return this;
  }

  middleware(): Middleware<AppState> {
    return this.router.routes() as unknown as Middleware<AppState>;
  }

  allowedMethods(): Middleware<AppState> {
    // Throwing sends 405 and 501 through the error handler, so they get the JSON error body.
    return this.router.allowedMethods({ throw: true }) as unknown as Middleware<AppState>;
  }
}
