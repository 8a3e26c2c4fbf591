import {
  applicationFileParamsSchema,
  applicationIdParamsSchema,
  applicationStatuses,
  approvalResultSchema,
  fileDispositionQuerySchema,
  rejectRequestSchema,
  rejectionResultSchema,
  reviewApplicationDetailSchema,
  reviewQueueSchema,
} from '@ucz/shared';
import type { ApplicationStatus } from '@ucz/shared';
import { z } from 'zod';
import type { ApiRouter } from '../../http/api-router';
import type { AppContext } from '../../http/context';
import { requestMetaOf } from '../audit/audit.service';
import { sendDownload } from '../files/download';
import type { ApprovalService } from './approval.service';
import type { RejectionService } from './rejection.service';
import type { ReviewQueueService } from './review-queue.service';
import type { StaffAuthService } from './staff-auth';

/** `status=pending` or `status=pending,approving`; absent means pending and approving. */
const statusList = z
  .string()
  .transform((value) => value.split(',').map((part) => part.trim()))
  .pipe(z.array(z.enum(applicationStatuses)).min(1));

const queueQuery = z.object({
  status: statusList.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export interface ReviewRouteServices {
  staffAuth: StaffAuthService;
  queue: ReviewQueueService;
  approval: ApprovalService;
  rejection: RejectionService;
}

function reviewerIdOf(ctx: AppContext): string {
  // requireStaff runs before every handler here and sets ctx.state.staff.
  const staff = ctx.state.staff;
  if (!staff) throw new Error('review route reached without a staff session');
  return staff.id;
}

/** Registers the review queue, application details and documents, and the approve and reject decisions. */
export function registerReviewRoutes(api: ApiRouter, services: ReviewRouteServices): void {
  const { staffAuth, queue, approval, rejection } = services;
  const common = {
    tags: ['review'],
    security: ['staffToken', 'staffCookie'],
    before: [staffAuth.requireStaff()],
  };

  api.route(
    {
      ...common,
      method: 'get',
      path: '/api/review/applications',
      summary: 'Review queue ordered by deadline (default: pending and approving applications)',
      query: queueQuery,
      responses: {
        200: { description: 'Applications, earliest deadline first', schema: reviewQueueSchema },
      },
    },
    async (ctx, { query }) => {
      const statuses: readonly ApplicationStatus[] | undefined = query.status;
      ctx.body = await queue.list({ statuses, limit: query.limit, offset: query.offset });
    },
  );

  api.route(
    {
      ...common,
      method: 'get',
      path: '/api/review/applications/:id',
      summary: 'Every field of one application and its documents',
      params: applicationIdParamsSchema,
      responses: { 200: { description: 'The application', schema: reviewApplicationDetailSchema } },
    },
    async (ctx, { params }) => {
      ctx.body = await queue.get(params.id);
    },
  );

  api.route(
    {
      ...common,
      method: 'get',
      path: '/api/review/applications/:id/files/:fileId',
      summary: 'Download or view one document of the application',
      params: applicationFileParamsSchema,
      query: fileDispositionQuerySchema,
      responses: {
        200: {
          description: 'The file as an attachment or, when asked, inline',
          contentType: 'application/octet-stream',
        },
      },
    },
    async (ctx, { params, query }) => {
      const download = await queue.openFile(params.id, params.fileId);
      ctx.state.log.info(
        {
          applicationId: params.id,
          fileId: params.fileId,
          reviewerId: reviewerIdOf(ctx),
          disposition: query.disposition,
        },
        'application document downloaded',
      );
      sendDownload(ctx, download, query.disposition);
    },
  );

  api.route(
    {
      ...common,
      method: 'post',
      path: '/api/review/applications/:id/approve',
      summary: 'Approve an application; repeating the call resumes or returns the same result',
      params: applicationIdParamsSchema,
      responses: { 200: { description: 'Approved', schema: approvalResultSchema } },
    },
    async (ctx, { params }) => {
      ctx.body = await approval.approve(params.id, reviewerIdOf(ctx), requestMetaOf(ctx));
    },
  );

  api.route(
    {
      ...common,
      method: 'post',
      path: '/api/review/applications/:id/reject',
      summary: 'Reject a pending application with a reason (1-500 characters)',
      params: applicationIdParamsSchema,
      body: rejectRequestSchema,
      responses: { 200: { description: 'Rejected', schema: rejectionResultSchema } },
    },
    async (ctx, { params, body }) => {
      ctx.body = await rejection.reject(
        params.id,
        reviewerIdOf(ctx),
        body.reason,
        requestMetaOf(ctx),
      );
    },
  );
}
