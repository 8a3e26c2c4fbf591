/**
 * True for a MongoDB duplicate-key error (code 11000). FerretDB 1.24 does not say which
 * unique index clashed (no keyPattern, no index name in the message), so code that
 * needs to know which field is taken must look it up instead of reading the error.
 */
export function isDuplicateKeyError(error: unknown): boolean {
  return (
    typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 11000
  );
}
