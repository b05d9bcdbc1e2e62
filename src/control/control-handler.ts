// Runs what the `ecn` command asked the service to do, with the service's own dependencies
// (store, event bus, gateway), so every subscriber sees it exactly once.

import type { IssueDeps } from './box-actions';
import { issueFromBox, revokeBatchFromBox, revokeTicketFromBox } from './box-actions';
import type { ControlHandler } from './control-server';

export function controlHandler(deps: IssueDeps): ControlHandler {
  return async (req) => {
    switch (req.op) {
      case 'tickets.issue':
        return { ok: true, ...(await issueFromBox(deps, req)) };
      case 'tickets.revoke':
        return { ok: true, ...(await revokeTicketFromBox(deps, req)) };
      case 'batch.revoke':
        return { ok: true, ...(await revokeBatchFromBox(deps, req)) };
    }
  };
}
