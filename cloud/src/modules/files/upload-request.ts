import type { AppContext } from '../../http/context';
import { AppError } from '../../http/app-error';
import { fileTooLarge, multipartOverheadBytes } from './multipart-upload';

/**
 * Rejects an upload before reading its body: a request that is not multipart/form-data,
 * or whose Content-Length already exceeds the file limit plus multipart overhead.
 */
export function assertUploadRequest(ctx: AppContext, maxBytes: number, field: string): void {
  if (!ctx.is('multipart/form-data')) throw new AppError('request.unsupported_media_type');
  const declared = Number(ctx.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes + multipartOverheadBytes) {
    throw fileTooLarge(field, maxBytes);
  }
}

/** Bytes of an unwanted request body read and thrown away before the connection is closed. */
export function discardLimitBytes(maxBytes: number): number {
  return 4 * maxBytes;
}
