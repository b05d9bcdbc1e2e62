// The last step of `ecn setup`: asks each part of the box whether it answers. It starts
// nothing; it only knocks (portal /healthz, one DNS query, the RADIUS port, the nft table).

import { spawnSync } from 'node:child_process';
import { Resolver } from 'node:dns/promises';
import { readFileSync } from 'node:fs';
import type { FrozenConfig } from '../../config/load';
import { formatListen, isWildcardHost, parseListen } from '../../config/units';
import type { SetupMessageKey } from './messages';

export interface CheckItem {
  what: SetupMessageKey;
  vars: Record<string, string>;
  ok: boolean;
  /** What to do when it does not answer. */
  fix: SetupMessageKey | null;
  fixVars?: Record<string, string>;
  /** Said after the item when it answers but reports something. */
  note?: { key: SetupMessageKey; vars: Record<string, string> };
}

const TIMEOUT_MS = 3000;

/** Where the box itself reaches a listen address: a wildcard is reached on loopback. */
function reachable(listen: string): { host: string; port: number } {
  const l = parseListen(listen)!;
  if (isWildcardHost(l.host)) return { host: l.host.includes(':') ? '::1' : '127.0.0.1', port: l.port };
  return l;
}

/**
 * Asks every part; while one does not answer and `waitMs` is not over (units just started take
 * a few seconds), asks the ones that did not answer again, once a second.
 */
export async function checkBox(
  cfg: FrozenConfig,
  waitMs: number,
  procNet = '/proc/net',
): Promise<CheckItem[]> {
  const checks: (() => Promise<CheckItem>)[] = [() => checkPortal(cfg), () => checkDns(cfg)];
  if (cfg.radius.enabled) checks.push(async () => checkRadius(cfg, procNet));
  if (cfg.gateway.kind === 'nftables') checks.push(async () => checkNft(cfg));
  const deadline = Date.now() + waitMs;
  const items = await Promise.all(checks.map((c) => c()));
  while (items.some((i) => !i.ok) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 1000));
    for (const [n, item] of items.entries()) if (!item.ok) items[n] = await checks[n]!();
  }
  return items;
}

async function checkPortal(cfg: FrozenConfig): Promise<CheckItem> {
  const url = `http://${formatListen(reachable(cfg.portal.listen))}`;
  const item: CheckItem = { what: 'check.portal', vars: { url }, ok: false, fix: 'check.portal.fix' };
  try {
    const res = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(TIMEOUT_MS) });
    const body = (await res.json()) as { status?: string; error?: string; clock?: string };
    item.ok = res.ok && (body.status === 'ok' || body.status === 'degraded');
    if (item.ok && body.status === 'degraded') {
      const detail = body.error ?? (body.clock ? `clock ${body.clock}` : 'degraded');
      item.note = { key: 'check.portal.degraded', vars: { detail } };
    }
  } catch {
    item.ok = false;
  }
  return item;
}

async function checkDns(cfg: FrozenConfig): Promise<CheckItem> {
  const target = reachable(cfg.filter.listen);
  const address = formatListen(target);
  const item: CheckItem = { what: 'check.dns', vars: { address }, ok: false, fix: 'check.dns.fix' };
  const resolver = new Resolver({ timeout: TIMEOUT_MS, tries: 1 });
  resolver.setServers([address]);
  try {
    await resolver.resolve4('ecn-setup-check.invalid');
    item.ok = true;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ESERVFAIL') {
      // The filter answered; the resolver behind it did not.
      item.fix = 'check.dns.upstream';
      item.fixVars = { upstream: cfg.filter.upstream };
    } else {
      // No such name, or no address for it: an answer all the same.
      item.ok = code === 'ENOTFOUND' || code === 'ENODATA';
    }
  }
  return item;
}

/** RADIUS drops what an unknown source sends, so the check is that the port is bound. */
function checkRadius(cfg: FrozenConfig, procNet: string): CheckItem {
  const port = parseListen(cfg.radius.authListen)!.port;
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  let bound = false;
  for (const table of ['udp', 'udp6']) {
    let text = '';
    try {
      text = readFileSync(`${procNet}/${table}`, 'utf8');
    } catch {
      continue;
    }
    bound ||= text
      .split('\n')
      .slice(1)
      .some((line) => line.trim().split(/\s+/)[1]?.endsWith(`:${hex}`));
  }
  return {
    what: 'check.radius',
    vars: { port: String(port) },
    ok: bound,
    fix: 'check.radius.fix',
  };
}

function checkNft(cfg: FrozenConfig): CheckItem {
  const r = spawnSync(cfg.gateway.nftCommand, ['list', 'table', 'inet', 'ecn_gateway'], {
    encoding: 'utf8',
    timeout: TIMEOUT_MS * 3,
  });
  return { what: 'check.nft', vars: {}, ok: !r.error && r.status === 0, fix: 'check.nft.fix' };
}
