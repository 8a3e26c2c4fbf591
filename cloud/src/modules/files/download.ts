import type { FileDisposition } from '@ucz/shared';
import type { AppContext } from '../../http/context';
import { contentDisposition } from './filename';
import type { FileDownload } from './files.service';

/** Types that browsers show themselves (image viewer, PDF viewer) without running page scripts. */
const inlineContentTypes: ReadonlySet<string> = new Set([
  'application/pdf',
  'image/jpeg',
  'image/png',
]);

/**
 * Policies of file responses. Nothing is loaded from elsewhere, and inline styles stay
 * allowed because Chrome lays out its image and PDF viewers with them. `sandbox` gives the
 * document an opaque origin. PDFs go without it, because Chrome's PDF viewer does not
 * run in a sandboxed document and shows a blocked page instead.
 */
const sandboxedPolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; sandbox";
const pdfPolicy =
  "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; object-src 'self'";

/**
 * Streams a stored file with the type recognised at upload: as an attachment to save, or
 * inline for viewing when `disposition` is `inline` and the type is PDF, JPEG or PNG.
 * `nosniff` stops browsers from guessing another type, and no shared cache keeps a copy.
 */
export function sendDownload(
  ctx: AppContext,
  download: FileDownload,
  disposition: FileDisposition = 'attachment',
): void {
  const inline = disposition === 'inline' && inlineContentTypes.has(download.contentType);
  const policy = inline && download.contentType === 'application/pdf' ? pdfPolicy : sandboxedPolicy;
  ctx.set(
    'Content-Disposition',
    contentDisposition(inline ? 'inline' : 'attachment', download.filename),
  );
  ctx.set('Content-Security-Policy', policy);
  ctx.set('X-Content-Type-Options', 'nosniff');
  ctx.set('Cache-Control', 'private, no-store');
  ctx.type = download.contentType;
  ctx.length = download.size;
  ctx.body = download.stream;
}
