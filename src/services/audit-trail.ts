// The staff audit trail as a subscriber (issue #14, item 4): the use cases publish
// `operator.acted` with who acted; this writes the entry, whatever the edge (console, `ecn`,
// the control socket, the service itself), then counts the action for the metrics.

import type { AuditAction, AuditEntry } from '../domain/console';
import type { Actor } from '../domain/events';
import type { ServiceDeps } from './deps';

export type AuditDeps = Pick<ServiceDeps, 'store' | 'clock' | 'newId' | 'events'>;

/**
 * How the actor reads in the stored entry: the account's name, or `system:` and the Unix user
 * (or the service's task) — the form entries have always had, so older entries read the same.
 */
export function actorText(actor: Actor): string {
  switch (actor.kind) {
    case 'staff':
      return actor.account;
    case 'cli':
      return `system:${actor.user}`;
    case 'system':
      return `system:${actor.task}`;
  }
}

/** Reads `system:<name>` (the control socket's and `ecn`'s form) back as a command-line actor. */
export function cliActor(text: string): Actor {
  return text.startsWith('system:')
    ? { kind: 'cli', user: text.slice('system:'.length) }
    : { kind: 'staff', account: text };
}

export const staff = (account: string): Actor => ({ kind: 'staff', account });

/** Who makes a change: an actor, or its stored text (`system:<unix user>` or an account name). */
export type By = Actor | string;
export const actorOf = (by: By): Actor => (typeof by === 'string' ? cliActor(by) : by);

/** Subscribes the trail to the bus; returns the unsubscribe. Called once per bus. */
export function subscribeAuditTrail(deps: AuditDeps): () => void {
  return deps.events.on('operator.acted', async (e) => {
    const entry: AuditEntry = {
      id: deps.newId(),
      at: deps.clock.now(),
      actor: actorText(e.actor),
      action: e.action,
      target: e.target,
      details: e.details,
    };
    await deps.store.appendAudit(entry);
    // Metrics count actions by kind (a small fixed set), never who or on what.
    deps.events.emit('console.action_recorded', { action: e.action });
  });
}

/**
 * What a use case calls once its change is made: publishes the action and waits for the trail
 * to have written it (a failed write rejects: the caller says so rather than pretending).
 */
export function announce(
  deps: Pick<ServiceDeps, 'events'>,
  actor: Actor,
  action: AuditAction,
  target: string | null,
  details: AuditEntry['details'] = {},
): Promise<void> {
  return deps.events.publish('operator.acted', { actor, action, target, details });
}
