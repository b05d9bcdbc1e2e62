// What the `ecn` command does to tickets: the staff use cases (src/services/staff-tickets.ts,
// audited as the operator) plus cutting this box's sessions at once. The running service
// runs them when the command reaches it (so its gateway, RADIUS Disconnect client, metrics
// and audit see them at once); the command runs them itself when the service is down.

import type { Gateway } from '../domain/ports';
import type { Session } from '../domain/session';
import { cliActor } from '../services/audit-trail';
import type { AccessPolicy } from '../services/client-access';
import type { ServiceDeps } from '../services/deps';
import { issueBatchAs, revokeBatchAs, revokeTicketAs } from '../services/staff-tickets';

/** The service passes its gateway; the command has none (the service's sweep cuts later). */
export type BoxDeps = ServiceDeps & { gateway?: Gateway };

/**
 * Issuing also needs the charter version in force, printed on each ticket (using one accepts
 * it, issue #15 item 7): the service's live policy, or what the command read from the store.
 */
export type IssueDeps = BoxDeps & { policy: Pick<AccessPolicy, 'charterVersion'> };

/**
 * The policy of a process that does not hold the live settings (the command): the charter
 * version a manager published in the console, else the configuration's.
 */
export async function commandPolicy(
  deps: Pick<ServiceDeps, 'store'>,
  configuredCharter: string,
): Promise<IssueDeps['policy']> {
  return { charterVersion: (await deps.store.getSettings())?.charter?.version ?? configuredCharter };
}

export async function issueFromBox(
  deps: IssueDeps,
  req: {
    actor: string;
    profile?: string;
    count: number;
    note: string | null;
    validFrom?: number | null;
    validUntil?: number | null;
  },
): Promise<{ batchId: string; count: number; profileName: string }> {
  const { batch } = await issueBatchAs(deps, cliActor(req.actor), {
    profile: req.profile,
    count: req.count,
    note: req.note,
    validFrom: req.validFrom ?? null,
    validUntil: req.validUntil ?? null,
    charterVersion: deps.policy.charterVersion,
  });
  return { batchId: batch.id, count: batch.count, profileName: batch.profileName };
}

export async function revokeTicketFromBox(
  deps: BoxDeps,
  req: { actor: string; ticketId: string },
): Promise<{ ticketId: string; batchId: string }> {
  const open = await openLocalSessions(deps, [req.ticketId]);
  const ticket = await revokeTicketAs(deps, cliActor(req.actor), req.ticketId);
  await cut(deps, open);
  return { ticketId: ticket.id, batchId: ticket.batchId };
}

export async function revokeBatchFromBox(
  deps: BoxDeps,
  req: { actor: string; batchId: string },
): Promise<{ batchId: string; count: number; already: number }> {
  const ids = (await deps.store.listTickets({ batchId: req.batchId })).map((t) => t.id);
  const open = await openLocalSessions(deps, ids);
  const r = await revokeBatchAs(deps, cliActor(req.actor), req.batchId);
  await cut(deps, open);
  return { batchId: req.batchId, count: r.revoked, already: r.already };
}

/** The sessions this box's gateway lets through for these tickets, looked up before revoking. */
async function openLocalSessions(deps: BoxDeps, ticketIds: string[]): Promise<Session[]> {
  if (!deps.gateway) return [];
  const open: Session[] = [];
  for (const id of ticketIds) {
    for (const s of await deps.store.listSessionsByTicket(id)) {
      if (s.endedAt === null && s.origin.kind === 'local' && s.spaceId === deps.store.spaceId) open.push(s);
    }
  }
  return open;
}

/**
 * Revoking ended these sessions in the store; the gateway lets them go now rather than at the
 * next sweep. NAS sessions need nothing here: the Disconnect client reacts to `session.ended`.
 */
async function cut(deps: BoxDeps, sessions: Session[]): Promise<void> {
  for (const s of sessions) await deps.gateway!.deauthorize(s.device, s.id);
}
