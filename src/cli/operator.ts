// Who runs `ecn`, as the audit trail names them.

import os from 'node:os';
import { ACTOR_RE } from '../control/control-protocol';

/**
 * Who runs the command, for the audit trail: `system:` and the Unix user. Under sudo (as root
 * or as the service user, `sudo -u ecn`), the person behind it (SUDO_USER); otherwise the real
 * user of the process, not $USER. A record, not a proof: whoever can run commands as the
 * service user could also write the store directly.
 */
export function operator(env: Record<string, string | undefined>): string {
  const sudo = env.SUDO_USER || undefined;
  let name: string;
  try {
    name = sudo ?? os.userInfo().username;
  } catch {
    name = `uid${process.getuid?.() ?? 'unknown'}`;
  }
  const actor = `system:${name}`;
  return ACTOR_RE.test(actor) ? actor : `system:uid${process.getuid?.() ?? 'unknown'}`;
}
