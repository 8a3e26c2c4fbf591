import type { IncomingMessage } from 'node:http';
import { maxFilesPerKind } from '@ucz/shared';
import type { DocumentKind } from '@ucz/shared';
import type { Connection, InferSchemaType } from 'mongoose';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import type { Logger } from '../../logger';
import type { FileDownload, FilesService } from '../files/files.service';
import { parseFileId } from '../files/files.service';
import { receiveFileUpload } from '../files/multipart-upload';
import { applicationModel } from './application.model';
import type { DraftDoc } from './draft.model';
import type { DraftStore } from './draft-store';
import type { attachedFileSchema } from './parts.schema';

export interface DraftFilesDeps {
  db: Connection;
  clock: Clock;
  store: DraftStore;
  files: FilesService;
  maxBytes: number;
}

type AttachedFile = InferSchemaType<typeof attachedFileSchema>;

function tooMany(kind: DocumentKind): AppError {
  return new AppError('file.too_many', { params: { field: kind, max: maxFilesPerKind[kind] } });
}

/** Step ② 上传资料: documents uploaded to a draft, removed from it and downloaded by its owner. */
export function createDraftFiles(deps: DraftFilesDeps) {
  const Application = applicationModel(deps.db);

  /** Rejects an upload that cannot be attached, before its body is read. */
  function assertCanUpload(draft: DraftDoc, kind: DocumentKind): void {
    if (kind === 'admin_authorisation' && !draft.applyAdmin) {
      throw new AppError('file.admin_not_requested', { params: { field: kind } });
    }
    // A certified company needs only proof of employment; the application would drop this copy.
    if (kind === 'business_registration' && draft.mode === 'join_company') {
      throw new AppError('file.kind_not_needed', { params: { field: kind } });
    }
    const count = draft.files.filter((file) => file.kind === kind).length;
    if (count >= maxFilesPerKind[kind]) throw tooMany(kind);
  }

  /**
   * Streams the request's file into GridFS and attaches it to the draft. The per-kind
   * limit is checked before the body is read and again under the draft's lock, so
   * racing uploads cannot pass it. Nothing stays in GridFS when this throws.
   */
  async function upload(
    draft: DraftDoc,
    kind: DocumentKind,
    req: IncomingMessage,
    log: Logger,
  ): Promise<{ draft: DraftDoc; file: AttachedFile }> {
    assertCanUpload(draft, kind);
    const received = await receiveFileUpload({
      req,
      files: deps.files,
      maxBytes: deps.maxBytes,
      field: kind,
      owner: { draftId: draft._id.toString(), kind },
      log,
    });

    try {
      const attached: AttachedFile = {
        fileId: received.fileId,
        kind,
        filename: received.filename,
        contentType: received.contentType,
        size: received.size,
        uploadedAt: deps.clock.now(),
      };
      const updated = await deps.store.update(draft, (current) => {
        assertCanUpload(current, kind);
        return { $push: { files: attached } };
      });
      log.info(
        {
          draftId: draft._id.toString(),
          fileId: received.fileId.toString(),
          kind,
          size: received.size,
        },
        'document uploaded',
      );
      return { draft: updated, file: attached };
    } catch (error) {
      await deps.files.deleteFile(received.fileId);
      throw error;
    }
  }

  function findFile(draft: DraftDoc, fileId: string) {
    const id = parseFileId(fileId);
    const file = draft.files.find((candidate) => candidate.fileId.equals(id));
    if (!file) throw new AppError('file.not_found');
    return file;
  }

  /**
   * Detaches a file from the draft and deletes it, unless the rejected application that
   * the draft corrects still shows it to reviewers.
   */
  async function remove(draft: DraftDoc, fileId: string, log: Logger): Promise<DraftDoc> {
    const file = findFile(draft, fileId);
    // The whole array is rewritten: FerretDB 1.24 ignores $pull with a condition on subdocuments.
    const updated = await deps.store.update(draft, (current) => ({
      $set: { files: current.files.filter((candidate) => !candidate.fileId.equals(file.fileId)) },
    }));
    const keptByApplication =
      draft.applicationId &&
      (await Application.exists({ _id: draft.applicationId, 'files.fileId': file.fileId }));
    if (!keptByApplication) await deps.files.deleteFile(file.fileId);
    log.info(
      { draftId: draft._id.toString(), fileId: file.fileId.toString(), kind: file.kind },
      'document removed',
    );
    return updated;
  }

  async function download(draft: DraftDoc, fileId: string): Promise<FileDownload> {
    const file = findFile(draft, fileId);
    return deps.files.openDownload(file.fileId);
  }

  return { assertCanUpload, upload, remove, download };
}

export type DraftFiles = ReturnType<typeof createDraftFiles>;
