/**
 * Builds the comparison key of a free-text name: Unicode NFKC (full-width letters and
 * digits become half-width), surrounding spaces trimmed, inner runs of white space
 * collapsed to one space, then case-folded.
 */
export function textKey(value: string): string {
  return value.normalize('NFKC').trim().replace(/\s+/gu, ' ').toLowerCase();
}

/** Trims a user-typed value and collapses inner white space, keeping case and width. */
export function tidyText(value: string): string {
  return value.normalize('NFC').trim().replace(/\s+/gu, ' ');
}
