/**
 * Invisible format characters (Unicode category Cf): zero-width spaces and joiners,
 * bidirectional overrides, soft hyphens. They make two names look the same yet differ.
 */
const formatCharacters = /\p{Cf}/gu;

/**
 * Builds the comparison key of a free-text name: Unicode NFKC (full-width letters and
 * digits become half-width), invisible format characters removed, surrounding spaces
 * trimmed, inner runs of white space collapsed to one space, then case-folded.
 */
export function textKey(value: string): string {
  return value
    .normalize('NFKC')
    .replace(formatCharacters, '')
    .trim()
    .replace(/\s+/gu, ' ')
    .toLowerCase();
}

/**
 * Trims a user-typed value, removes invisible format characters and collapses inner
 * white space, keeping case and width.
 */
export function tidyText(value: string): string {
  return value.normalize('NFC').replace(formatCharacters, '').trim().replace(/\s+/gu, ' ');
}
