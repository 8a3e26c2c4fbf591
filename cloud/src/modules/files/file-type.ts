import type { UploadContentType } from '@ucz/shared';

/** Bytes needed from the start of a file to recognise every accepted type. */
export const signatureLength = 8;

interface FileSignature {
  contentType: UploadContentType;
  extension: string;
  /** Other extensions people use for the same type. */
  aliases: string[];
  magic: number[];
}

/**
 * Accepted types and the bytes they start with: `%PDF-` (ISO 32000-1, 7.5.2), the JPEG
 * SOI marker followed by a marker prefix (ITU T.81, B.1.1.2), and the 8-byte PNG
 * signature (RFC 2083, 3.1).
 */
const signatures: readonly FileSignature[] = [
  {
    contentType: 'application/pdf',
    extension: 'pdf',
    aliases: [],
    magic: [0x25, 0x50, 0x44, 0x46, 0x2d],
  },
  { contentType: 'image/jpeg', extension: 'jpg', aliases: ['jpeg'], magic: [0xff, 0xd8, 0xff] },
  {
    contentType: 'image/png',
    extension: 'png',
    aliases: [],
    magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  },
];

export interface DetectedFileType {
  contentType: UploadContentType;
  /** Usual extension without the dot. */
  extension: string;
  /** Every extension that fits the type, lower case, without the dot. */
  extensions: string[];
}

/**
 * Recognises PDF, JPEG and PNG from the first bytes of a file. Returns undefined for any
 * other content, regardless of the file name or the declared type.
 */
export function detectFileType(head: Uint8Array): DetectedFileType | undefined {
  const match = signatures.find(
    (signature) =>
      head.length >= signature.magic.length &&
      signature.magic.every((byte, index) => head[index] === byte),
  );
  if (!match) return undefined;
  return {
    contentType: match.contentType,
    extension: match.extension,
    extensions: [match.extension, ...match.aliases],
  };
}
