import {
  companyIdParamsSchema,
  createStaffRequestSchema,
  customerManagerRequestSchema,
  customerManagerResponseSchema,
  staffViewSchema,
} from '@ucz/shared';
import type { Middleware } from 'koa';
import { z } from 'zod';
import type { ApiRouter } from '../../http/api-router';
import type { AppContext, AppState } from '../../http/context';
import { requestMetaOf } from '../audit/audit.service';
import type { OperatorAdmin, OperatorService } from './operator.service';

const tags = ['operator'];
const security = ['staffToken', 'staffCookie'];

function operatorOf(ctx: AppContext): OperatorAdmin {
  // requireStaff('operator_admin') runs before every handler here and sets it.
  const staff = ctx.state.staff;
  if (!staff) throw new Error('operator route reached without a staff session');
  return { id: staff.id, username: staff.username };
}

/** Operator admin actions: staff accounts and customer managers. */
export function registerOperatorRoutes(
  api: ApiRouter,
  service: OperatorService,
  requireOperatorAdmin: Middleware<AppState>,
): void {
  const common = { tags, security, before: [requireOperatorAdmin] };

  api.route(
    {
      ...common,
      method: 'post',
      path: '/api/operator/staff',
      summary: 'Create a reviewer or operator admin',
      body: createStaffRequestSchema,
      responses: { 201: { description: 'Created', schema: z.object({ staff: staffViewSchema }) } },
    },
    async (ctx, { body }) => {
      ctx.body = { staff: await service.createStaff(operatorOf(ctx), body, requestMetaOf(ctx)) };
      ctx.status = 201;
    },
  );

  api.route(
    {
      ...common,
      method: 'put',
      path: '/api/operator/companies/:id/customer-manager',
      summary: "Assign the company's customer manager (name and email)",
      params: companyIdParamsSchema,
      body: customerManagerRequestSchema,
      responses: { 200: { description: 'Assigned', schema: customerManagerResponseSchema } },
    },
    async (ctx, { params, body }) => {
      ctx.body = await service.assignCustomerManager(
        operatorOf(ctx),
        params.id,
        body,
        requestMetaOf(ctx),
      );
    },
  );
}
