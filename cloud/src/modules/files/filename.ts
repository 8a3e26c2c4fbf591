import path from 'node:path';
import type { DetectedFileType } from './file-type';

/** Longest stored file name in characters, extension included. */
export const maxFilenameLength = 100;

/**
 * Escapes that browsers (by the HTML form-submission rules) and recent curl versions put
 * in multipart file names in place of `"`, CR and LF. They are decoded so that the raw characters are cleaned like
 * any other, instead of being stored as literal `%22` text.
 */
const formEscapes = /%(22|0d|0a)/giu;

/** Line breaks and tabs, which become spaces so the words on either side stay apart. */
const whitespaceControls = /[\t\n\v\f\r\u0085\u2028\u2029]/gu;

/**
 * Characters dropped from uploaded file names: C0/C1 controls, bidirectional overrides
 * that can disguise an extension, and characters that Windows forbids in file names
 * (including `"`, so a name never needs quoting inside a header).
 */
const unsafeCharacters =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069<>:"/\\|?*]/gu;

/**
 * Builds the stored, human-readable name of an uploaded file from the last path segment
 * of the name the client sent. Form escapes are decoded, line breaks become spaces,
 * unsafe characters are removed and the name is cut to 100 characters. It ends in an
 * extension of the type recognised from the content (`scan` becomes `scan.pdf`).
 */
export function sanitiseFilename(raw: string | undefined, type: DetectedFileType): string {
  const decoded = (raw ?? '').replace(formEscapes, (_escape, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
  const lastSegment = decoded.split(/[\\/]/u).pop() ?? '';
  const name = lastSegment
    .normalize('NFC')
    .replace(whitespaceControls, ' ')
    .replace(unsafeCharacters, '')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/^\.+/u, '');

  const extension = path.extname(name).slice(1).toLowerCase();
  const keepsExtension = type.extensions.includes(extension);
  const cut = keepsExtension ? name.length - extension.length - 1 : name.length;
  const suffix = keepsExtension ? name.slice(cut) : `.${type.extension}`;
  const base = name.slice(0, cut).trim() || 'file';

  // Array.from counts code points, so a cut never splits a surrogate pair.
  const room = maxFilenameLength - suffix.length;
  return Array.from(base).slice(0, room).join('').trim() + suffix;
}

/**
 * Builds a Content-Disposition header that makes the browser save the file: a plain
 * ASCII `filename` for old clients and the exact name as `filename*` (RFC 6266, RFC 8187).
 */
export function attachmentDisposition(filename: string): string {
  return contentDisposition('attachment', filename);
}

/**
 * Builds a Content-Disposition header of either type with the file name as in
 * attachmentDisposition. `inline` lets the browser show the file and still names it for saving.
 */
export function contentDisposition(type: 'attachment' | 'inline', filename: string): string {
  const asciiFallback = filename.replace(/[^\x20-\x7e]/gu, '_').replace(/["\\%]/gu, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/gu,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${type}; filename="${asciiFallback}"; filename*=UTF-8''${encoded}`;
}
