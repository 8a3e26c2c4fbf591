/** The bind ticket that the scan page hands to 微信绑定账号 for a WeChat user not bound yet. */
export interface PendingBind {
  bindTicket: string;
  /** The scan ticket whose website login the binding completes. */
  scanTicketId?: string;
}

// Kept in memory only: the bind ticket is a credential, and both pages run in one
// JavaScript context (the mini-program's, or the single-page website's).
let pending: PendingBind | undefined;

export function setPendingBind(value: PendingBind | undefined): void {
  pending = value;
}

export function pendingBind(): PendingBind | undefined {
  return pending;
}
