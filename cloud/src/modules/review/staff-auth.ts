import type { Middleware } from 'koa';
import type { AppState } from '../../http/context';
import type { StaffRole } from '../staff/staff.model';

/**
 * Staff authentication as the review routes use it. The auth module provides it:
 * staff log in at POST /api/review/login and hold the same sessions as accounts, with
 * subject type `staff`.
 */
export interface StaffAuthService {
  /** Admits requests of a logged-in staff member (of one of `roles` when given) and sets ctx.state.staff. */
  requireStaff(roles?: StaffRole | readonly StaffRole[]): Middleware<AppState>;
}
