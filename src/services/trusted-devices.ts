// Staff use case (issue #15, item 2): the space's own devices, from the console and the `ecn devices` command.
// Every change is audited (who, which MAC, which label); bad input changes nothing.

import { EcnError } from '../domain/errors';
import { readLabel, readMac, type TrustedDevice } from '../domain/trusted-device';
import { actorOf, actorText, announce, type AuditDeps, type By } from './audit-trail';

export interface TrustRequest {
  spaceId: string;
  mac: string;
  label: string;
  actor: By;
}

/** Trusts a device (or relabels it); returns it and whether it was new. */
export async function trustDevice(
  deps: AuditDeps,
  req: TrustRequest,
): Promise<{ device: TrustedDevice; created: boolean }> {
  const mac = readMac(req.mac);
  const label = readLabel(req.label);
  const device: TrustedDevice = {
    spaceId: req.spaceId,
    mac,
    label,
    addedAt: deps.clock.now(),
    addedBy: actorText(actorOf(req.actor)),
  };
  const created = await deps.store.putTrustedDevice(device);
  await announce(deps, actorOf(req.actor), 'device.trusted', mac, { label, created });
  return { device, created };
}

/** Stops trusting a device; its open session ends at the next sweep. */
export async function untrustDevice(
  deps: AuditDeps,
  req: { spaceId: string; mac: string; actor: By },
): Promise<void> {
  const mac = readMac(req.mac);
  if (!(await deps.store.deleteTrustedDevice(req.spaceId, mac))) {
    throw new EcnError('ECN_ERR_DEVICE_NOT_TRUSTED', `No trusted device of this space has the MAC ${mac}.`, {
      mac,
    });
  }
  await announce(deps, actorOf(req.actor), 'device.untrusted', mac);
}
