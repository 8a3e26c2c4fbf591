/**
 * A message the mail server or SMS provider did not accept. A permanent failure (an
 * unknown mailbox, an invalid number, a rejected signature) fails the same way when
 * retried, so the outbox gives up at once; any other failure is retried later.
 */
export class DeliveryError extends Error {
  readonly permanent: boolean;
  /** The provider's own error code or SMTP reply code, when there is one. */
  readonly providerCode?: string;

  constructor(
    message: string,
    options: { permanent: boolean; providerCode?: string; cause?: unknown },
  ) {
    super(message, { cause: options.cause });
    this.name = 'DeliveryError';
    this.permanent = options.permanent;
    if (options.providerCode !== undefined) this.providerCode = options.providerCode;
  }
}

/** True when retrying cannot help: only a DeliveryError marked permanent says so. */
export function isPermanentDeliveryError(error: unknown): boolean {
  return error instanceof DeliveryError && error.permanent;
}
