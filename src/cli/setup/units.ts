// The systemd units `ecn setup` enables: with systemd running, `systemctl enable --now` (and a
// restart of those whose files changed); without it, only what would be done.

import { spawnSync } from 'node:child_process';
import type { SetupMode } from './answers';

/**
 * The gateway's unit: on a router box the one with CAP_NET_ADMIN (ecn-gateway-router, which
 * the package ships and conflicts with ecn-gateway), elsewhere the plain one.
 */
export function gatewayUnit(mode: SetupMode): string {
  return mode === 'router' ? 'ecn-gateway-router.service' : 'ecn-gateway.service';
}

/** Units of a mode, in start order. */
export function unitsFor(mode: SetupMode): string[] {
  return mode === 'router'
    ? ['nftables.service', 'dnsmasq.service', 'ecn-dns.service', gatewayUnit(mode)]
    : ['dnsmasq.service', 'ecn-dns.service', gatewayUnit(mode)];
}

/** The other gateway unit, which must not start at boot beside the chosen one. */
export function unitsToDisable(mode: SetupMode): string[] {
  return [mode === 'router' ? 'ecn-gateway.service' : 'ecn-gateway-router.service'];
}

/** Which units read each file `ecn setup` writes: a changed file restarts its units. */
export const FILE_UNITS: Readonly<Record<string, readonly string[]>> = {
  config: ['ecn-dns.service', 'ecn-gateway.service', 'ecn-gateway-router.service'],
  nftables: ['nftables.service'],
  dhcp: ['dnsmasq.service'],
  resolver: ['dnsmasq.service'],
  agent: [],
};

export interface UnitResult {
  unit: string;
  action: 'enabled' | 'restarted';
  error: string | null;
}

/** Runs `systemctl ARGS`; resolves to null on success, else what went wrong. */
export type Systemctl = (args: string[]) => string | null;

export function systemctlRunner(command: string): Systemctl {
  return (args) => {
    const r = spawnSync(command, args, { encoding: 'utf8', timeout: 120_000 });
    if (r.error) return r.error.message;
    if (r.status !== 0) return (r.stderr || r.stdout || `exit ${r.status}`).trim().split('\n')[0]!;
    return null;
  };
}

export function enableUnits(
  systemctl: Systemctl,
  units: string[],
  disable: string[],
  changed: Set<string>,
): UnitResult[] {
  const results: UnitResult[] = [];
  const reload = systemctl(['daemon-reload']);
  // A unit that is not installed (or already off) is no failure: it is only kept from booting.
  for (const unit of disable) systemctl(['disable', '--now', unit]);
  for (const unit of units) {
    const error = reload ?? systemctl(['enable', '--now', unit]);
    results.push({ unit, action: 'enabled', error });
    if (error === null && changed.has(unit)) {
      // enable --now leaves a running unit alone: a new configuration needs a restart.
      results.push({ unit, action: 'restarted', error: systemctl(['try-restart', unit]) });
    }
  }
  return results;
}
