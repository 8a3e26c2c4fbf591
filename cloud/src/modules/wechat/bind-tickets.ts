import { createHash, randomBytes } from 'node:crypto';
import type { Connection } from 'mongoose';
import { Types } from 'mongoose';
import { AppError } from '../../http/app-error';
import type { Clock } from '../../lib/clock';
import { bindTicketModel } from './binding.model';

/** Lifetime of a bind ticket: long enough to type the account details and the emailed code. */
export const bindTicketLifetimeMs = 10 * 60_000;

export interface BindTicketClaims {
  identityId: string;
  /** The scan ticket whose website login a binding with this ticket completes. */
  scanTicketId?: string;
}

export interface BindTickets {
  issue(claims: BindTicketClaims): Promise<{ bindTicket: string; expiresAt: Date }>;
  /** Returns what the ticket stands for; throws wechat.bind_ticket_invalid when unknown or expired. */
  resolve(bindTicket: string): Promise<BindTicketClaims>;
  /** Deletes the ticket after a binding used it. */
  consume(bindTicket: string): Promise<void>;
}

function hashTicket(ticket: string): string {
  return createHash('sha256').update(ticket).digest('hex');
}

/** Creates the bind tickets store (`wechat_bind_tickets`), keeping only the tickets' hashes. */
export function createBindTickets(deps: { db: Connection; clock: Clock }): BindTickets {
  const Tickets = bindTicketModel(deps.db);

  return {
    async issue(claims) {
      const bindTicket = randomBytes(32).toString('base64url');
      const now = deps.clock.now();
      const expiresAt = new Date(now.getTime() + bindTicketLifetimeMs);
      await Tickets.create({
        _id: hashTicket(bindTicket),
        identityId: new Types.ObjectId(claims.identityId),
        ...(claims.scanTicketId ? { scanTicketId: claims.scanTicketId } : {}),
        createdAt: now,
        expiresAt,
      });
      return { bindTicket, expiresAt };
    },

    async resolve(bindTicket) {
      const stored = await Tickets.findById(hashTicket(bindTicket)).lean();
      if (!stored || stored.expiresAt.getTime() <= deps.clock.now().getTime())
        throw new AppError('wechat.bind_ticket_invalid');
      return {
        identityId: stored.identityId.toString(),
        ...(stored.scanTicketId ? { scanTicketId: stored.scanTicketId } : {}),
      };
    },

    async consume(bindTicket) {
      await Tickets.deleteOne({ _id: hashTicket(bindTicket) });
    },
  };
}
