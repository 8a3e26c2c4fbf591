import type { IncomingMessage } from 'node:http';
import { finished } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import busboy from 'busboy';
import type { UploadContentType } from '@ucz/shared';
import mongoose from 'mongoose';
import type { mongo } from 'mongoose';
import { AppError, invalidFields } from '../../http/app-error';
import type { Logger } from '../../logger';
import { detectFileType, signatureLength } from './file-type';
import type { DetectedFileType } from './file-type';
import { sanitiseFilename } from './filename';
import type { FilesService } from './files.service';

/** Room for multipart boundaries and part headers on top of the file itself. */
export const multipartOverheadBytes = 64 * 1024;

/** Name of the form part that carries the file. */
export const uploadPartName = 'file';

/** Plain form fields accepted besides the file part, which some upload clients add. */
const maxFormFields = 10;

/** Builds the file.too_large error, with the limit in MB for the message. */
export function fileTooLarge(field: string, maxBytes: number): AppError {
  const maxMb = Math.round((maxBytes / (1024 * 1024)) * 10) / 10;
  return new AppError('file.too_large', { params: { field, maxMb }, details: { maxBytes } });
}

export interface ReceivedUpload {
  fileId: mongo.ObjectId;
  filename: string;
  contentType: UploadContentType;
  size: number;
}

export interface ReceiveUploadOptions {
  req: IncomingMessage;
  files: FilesService;
  maxBytes: number;
  /** Field named in error messages, such as the document kind. */
  field: string;
  /** Stored with the file to show who owns it. */
  owner: Record<string, string>;
  log: Logger;
}

/**
 * Streams the one `file` part of a multipart/form-data request into GridFS. The type is
 * recognised from the first bytes (PDF, JPEG or PNG) before anything is stored, and the
 * size limit is enforced while the bytes arrive.
 *
 * Throws AppError file.type_not_allowed (also for a file below the smallest size of its
 * type), file.too_large, file.empty, file.too_many_parts (more than one file or more
 * than 10 other fields), or request.invalid (no `file` part, malformed form). On every
 * failure the partly written GridFS file is deleted before the promise rejects, and the
 * caller must discard the rest of the body.
 */
export function receiveFileUpload(options: ReceiveUploadOptions): Promise<ReceivedUpload> {
  const { req, files, maxBytes, field, owner, log } = options;
  return new Promise<ReceivedUpload>((resolve, reject) => {
    let settled = false;
    let upload: mongo.GridFSBucketWriteStream | undefined;
    let received: ReceivedUpload | undefined;
    let detected: DetectedFileType | undefined;
    let stored = false;
    let sawFile = false;
    let parserClosed = false;

    let parser: busboy.Busboy;
    try {
      parser = busboy({
        headers: req.headers,
        // Browsers send UTF-8 file names without the RFC 5987 `filename*` form.
        defParamCharset: 'utf8',
        // busboy 1.6 reports 'limit' on reaching fileSize and 'partsLimit' on reaching parts,
        // so each is set one above what is allowed: maxBytes, and the fields plus the file.
        limits: {
          fileSize: maxBytes + 1,
          files: 1,
          fields: maxFormFields,
          fieldSize: 1024,
          parts: maxFormFields + 2,
        },
      });
    } catch (error) {
      // busboy throws for a content type it cannot parse, such as multipart without a boundary.
      reject(new AppError('request.unsupported_media_type', { cause: error }));
      return;
    }

    function fail(error: unknown): void {
      if (settled) return;
      settled = true;
      req.unpipe(parser);
      const cleanup = upload ? files.discardUpload(upload) : Promise.resolve();
      cleanup
        .catch((cleanupError: unknown) => {
          log.error(
            { err: cleanupError, fileId: upload?.id?.toString() },
            'failed to delete a rejected upload from GridFS',
          );
        })
        .finally(() => reject(error));
    }

    function succeedWhenDone(): void {
      if (settled || !parserClosed) return;
      if (!sawFile) {
        fail(invalidFields({ field: uploadPartName, code: 'required' }));
        return;
      }
      if (!stored || !received) return;
      settled = true;
      resolve(received);
    }

    /** Recognises the type from the first bytes and opens the GridFS file; false when rejected. */
    function startUpload(head: Buffer, clientFilename: string | undefined): boolean {
      const type = detectFileType(head);
      if (!type) {
        fail(new AppError('file.type_not_allowed', { params: { field } }));
        return false;
      }
      detected = type;
      const fileId = new mongoose.mongo.ObjectId();
      const filename = sanitiseFilename(clientFilename, type);
      upload = files.openUploadStream(fileId, filename, { contentType: type.contentType, owner });
      upload.on('error', fail);
      received = { fileId, filename, contentType: type.contentType, size: 0 };
      upload.write(head);
      return true;
    }

    function receiveFile(stream: Readable, clientFilename: string | undefined): void {
      let head = Buffer.alloc(0);
      let size = 0;

      stream.on('limit', () => {
        fail(fileTooLarge(field, maxBytes));
      });

      stream.on('data', (chunk: Buffer) => {
        if (settled) return;
        size += chunk.length;
        if (!upload) {
          head = Buffer.concat([head, chunk]);
          if (head.length >= signatureLength) startUpload(head, clientFilename);
          return;
        }
        if (!upload.write(chunk)) {
          stream.pause();
          upload.once('drain', () => stream.resume());
        }
      });

      stream.on('end', () => {
        if (settled) return;
        if (size === 0) {
          fail(new AppError('file.empty', { params: { field } }));
          return;
        }
        // A file shorter than the longest signature is recognised from what arrived.
        if (!upload && !startUpload(head, clientFilename)) return;
        if (detected && size < detected.minBytes) {
          fail(new AppError('file.type_not_allowed', { params: { field } }));
          return;
        }
        const writer = upload as mongo.GridFSBucketWriteStream;
        writer.end();
        finished(writer).then(() => {
          if (!received) return;
          received.size = size;
          stored = true;
          succeedWhenDone();
        }, fail);
      });
    }

    parser.on('file', (name, stream, info) => {
      if (name !== uploadPartName || sawFile || settled) {
        stream.resume();
        return;
      }
      sawFile = true;
      receiveFile(stream, info.filename);
    });
    // busboy ignores the parts past a limit, which would hide the file; reject the form instead.
    const tooManyParts = () => {
      log.info({ field }, 'multipart upload rejected: too many parts');
      fail(new AppError('file.too_many_parts', { params: { field } }));
    };
    parser.on('partsLimit', tooManyParts);
    parser.on('filesLimit', tooManyParts);
    parser.on('fieldsLimit', tooManyParts);
    parser.on('close', () => {
      parserClosed = true;
      succeedWhenDone();
    });
    parser.on('error', (error: unknown) => {
      log.info({ err: error }, 'malformed multipart upload');
      fail(invalidFields({ field: uploadPartName, code: 'invalid' }));
    });
    req.on('close', () => {
      if (!req.complete)
        fail(new AppError('request.invalid', { details: { reason: 'upload interrupted' } }));
    });

    req.pipe(parser);
  });
}
