import { z } from 'zod';
import type { Connection } from 'mongoose';
import type { ApiRouter } from './api-router';
import { AppError } from './app-error';

/** Liveness (`/healthz`: the process answers) and readiness (`/readyz`: the database answers). */
export function registerHealthRoutes(api: ApiRouter, db: Connection): void {
  const status = z.object({ status: z.literal('ok') });

  api.route(
    {
      method: 'get',
      path: '/healthz',
      summary: 'Liveness check',
      tags: ['health'],
      responses: { 200: { description: 'The process is running', schema: status } },
    },
    async (ctx) => {
      ctx.body = { status: 'ok' };
    },
  );

  api.route(
    {
      method: 'get',
      path: '/readyz',
      summary: 'Readiness check: the database answers a ping',
      tags: ['health'],
      responses: { 200: { description: 'Ready', schema: status } },
    },
    async (ctx) => {
      try {
        await db.db?.admin().ping();
      } catch (error) {
        ctx.state.log.warn({ err: error }, 'readiness check failed: database ping');
        throw new AppError('request.unavailable', { cause: error });
      }
      if (!db.db) throw new AppError('request.unavailable');
      ctx.body = { status: 'ok' };
    },
  );
}
