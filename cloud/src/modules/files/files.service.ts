import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import type { UploadContentType } from '@ucz/shared';
import mongoose from 'mongoose';
import type { Connection } from 'mongoose';
import type { mongo } from 'mongoose';
import { AppError } from '../../http/app-error';
import type { Logger } from '../../logger';

/** GridFS bucket that stores every uploaded document. */
export const uploadsBucketName = 'uploads';

/** Contents of the `metadata` field of an `uploads.files` document. */
export interface StoredFileMetadata {
  /** Type recognised from the first bytes, never the one the client declared. */
  contentType: UploadContentType;
  /** Free-form facts about the owner, such as the draft id and document kind. */
  owner: Record<string, string>;
}

export interface FileDownload {
  filename: string;
  contentType: string;
  size: number;
  stream: Readable;
}

export interface FilesServiceDeps {
  db: Connection;
  logger: Logger;
}

/** Stores uploaded documents in GridFS and streams them back out. */
export function createFilesService(deps: FilesServiceDeps) {
  const { db, logger } = deps;

  function bucket(): mongo.GridFSBucket {
    if (!db.db) throw new Error('files service used before the database connection opened');
    return new mongoose.mongo.GridFSBucket(db.db, { bucketName: uploadsBucketName });
  }

  function collections() {
    if (!db.db) throw new Error('files service used before the database connection opened');
    return {
      files: db.db.collection(`${uploadsBucketName}.files`),
      chunks: db.db.collection(`${uploadsBucketName}.chunks`),
    };
  }

  /** Opens a GridFS write stream for a new file with a chosen id. */
  function openUploadStream(
    fileId: mongo.ObjectId,
    filename: string,
    metadata: StoredFileMetadata,
  ): mongo.GridFSBucketWriteStream {
    return bucket().openUploadStreamWithId(fileId, filename, { metadata });
  }

  /**
   * Removes a file and every chunk written for it. Works on half-written files that have
   * chunks but no files document yet; removing a missing file is not an error.
   */
  async function deleteFile(fileId: mongo.ObjectId): Promise<void> {
    const { files, chunks } = collections();
    await files.deleteOne({ _id: fileId });
    await chunks.deleteMany({ files_id: fileId });
  }

  /**
   * Ends an unfinished upload stream and deletes what it wrote. Waits for chunk writes
   * already in flight, so nothing is left behind once the promise resolves.
   */
  async function discardUpload(upload: mongo.GridFSBucketWriteStream): Promise<void> {
    const fileId = upload.id as mongo.ObjectId;
    if (!upload.writableEnded && !upload.destroyed) upload.end();
    await finished(upload).catch((error: unknown) => {
      logger.debug(
        { err: error, fileId: fileId.toString() },
        'discarded upload stream ended with an error',
      );
    });
    await deleteFile(fileId);
  }

  /**
   * Opens a stored file for download. Callers check that the requester may read it.
   * Throws AppError file.not_found when no complete file has this id.
   */
  async function openDownload(fileId: mongo.ObjectId | string): Promise<FileDownload> {
    const id = typeof fileId === 'string' ? parseFileId(fileId) : fileId;
    const stored = await bucket().find({ _id: id }).limit(1).next();
    if (!stored) throw new AppError('file.not_found');
    const metadata = stored.metadata as Partial<StoredFileMetadata> | undefined;
    return {
      filename: stored.filename,
      contentType: metadata?.contentType ?? 'application/octet-stream',
      size: stored.length,
      stream: bucket().openDownloadStream(id),
    };
  }

  return { openUploadStream, deleteFile, discardUpload, openDownload };
}

export type FilesService = ReturnType<typeof createFilesService>;

/** Parses a file id from a URL; throws AppError file.not_found for anything malformed. */
export function parseFileId(value: string): mongo.ObjectId {
  if (!/^[0-9a-f]{24}$/u.test(value)) throw new AppError('file.not_found');
  return new mongoose.mongo.ObjectId(value);
}
