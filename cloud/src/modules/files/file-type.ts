import type { UploadContentType } from '@ucz/shared';

/** Bytes needed from the start of a file to recognise every accepted type. */
export const signatureLength = 8;

interface FileSignature {
  contentType: UploadContentType;
  extension: string;
  /** Other extensions people use for the same type. */
  aliases: string[];
  /** Whether the first bytes (at least signatureLength of them when the file has that many) fit the type. */
  matches: (head: Uint8Array) => boolean;
  /**
   * Smallest accepted size in bytes, about that of the smallest valid file of the type.
   * It turns away bare headers and is a lower bound only, not a check of validity.
   */
  minBytes: number;
}

function startsWith(head: Uint8Array, bytes: readonly number[]): boolean {
  return head.length >= bytes.length && bytes.every((byte, index) => head[index] === byte);
}

const ascii = (text: string): number[] => Array.from(text, (character) => character.charCodeAt(0));
const isDigit = (byte: number | undefined): boolean =>
  byte !== undefined && byte >= 0x30 && byte <= 0x39;

/**
 * Accepted types and the bytes they start with: `%PDF-1.n` or `%PDF-2.n` (ISO 32000-1,
 * 7.5.2, and ISO 32000-2), the JPEG SOI marker followed by a marker prefix (ITU T.81,
 * B.1.1.2), and the 8-byte PNG signature (RFC 2083, 3.1). The minimum sizes are
 * estimates of the smallest valid files of each type: 67 bytes for PDF and PNG, 107
 * for JPEG.
 */
const signatures: readonly FileSignature[] = [
  {
    contentType: 'application/pdf',
    extension: 'pdf',
    aliases: [],
    matches: (head) =>
      (startsWith(head, ascii('%PDF-1.')) || startsWith(head, ascii('%PDF-2.'))) &&
      isDigit(head[7]),
    minBytes: 67,
  },
  {
    contentType: 'image/jpeg',
    extension: 'jpg',
    aliases: ['jpeg'],
    matches: (head) => startsWith(head, [0xff, 0xd8, 0xff]),
    minBytes: 107,
  },
  {
    contentType: 'image/png',
    extension: 'png',
    aliases: [],
    matches: (head) => startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    minBytes: 67,
  },
];

export interface DetectedFileType {
  contentType: UploadContentType;
  /** Usual extension without the dot. */
  extension: string;
  /** Every extension that fits the type, lower case, without the dot. */
  extensions: string[];
  /** Smallest size in bytes that a file of this type is accepted with. */
  minBytes: number;
}

/**
 * Recognises PDF, JPEG and PNG from the first bytes of a file. Returns undefined for any
 * other content, regardless of the file name or the declared type. The caller checks
 * the size against `minBytes` once the whole file has arrived.
 */
export function detectFileType(head: Uint8Array): DetectedFileType | undefined {
  const match = signatures.find((signature) => signature.matches(head));
  if (!match) return undefined;
  return {
    contentType: match.contentType,
    extension: match.extension,
    extensions: [match.extension, ...match.aliases],
    minBytes: match.minBytes,
  };
}
