import type { AppContext } from '../../http/context';
import { attachmentDisposition } from './filename';
import type { FileDownload } from './files.service';

/**
 * Streams a stored file as an attachment with the type recognised at upload. `nosniff`
 * stops browsers from guessing another type, and no shared cache keeps a copy.
 */
export function sendDownload(ctx: AppContext, download: FileDownload): void {
  ctx.set('Content-Disposition', attachmentDisposition(download.filename));
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Cache-Control', 'private, no-store');
  ctx.type = download.contentType;
  ctx.length = download.size;
  ctx.body = download.stream;
}
