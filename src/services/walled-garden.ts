// The walled garden of the space's useful links (issue #15, item 8): the links a manager marked
// "accessible avant la connexion" are resolved through the box's own resolver, and their
// addresses opened to captive clients on https (443) only, through the gateway. Resolved at
// start, at each settings change and every `refreshMs`; each address is opened for
// `timeoutSeconds` (longer than the refresh), so a stopped service closes the garden by itself.

import { isIpv4, isIpv6 } from '../domain/device';
import { linksBeforeLogin, type SpaceLink } from '../domain/console';
import type { GardenEntry, GardenOutcome, Gateway } from '../domain/ports';
import { isPublicHost, isPublicIpv4, isPublicIpv6 } from '../domain/public-address';
import type { Component } from '../lifecycle';
import type { Logger } from '../log';
import { PeriodicTask } from '../periodic-task';

/** The only port opened: the links are https addresses (the links form refuses any other). */
export const GARDEN_PORT = 443;

export interface WalledGardenDeps {
  gateway: Pick<Gateway, 'setGarden'>;
  /** The links in force (the console's settings), read at each run. */
  links: () => readonly SpaceLink[];
  /** A host name's addresses as the box's resolver answers them to clients. */
  resolve: (host: string) => Promise<string[]>;
  /**
   * The box's own addresses (portal, resolver): never opened. The filtering resolver answers a
   * blocked name with the portal's address, so a blocked link opens nothing.
   */
  ownAddresses: readonly string[];
  refreshMs: number;
  timeoutSeconds: number;
  logger: Logger;
}

/** The host of a link's https URL, without brackets or a final dot; null if it has none. */
export function linkHost(link: SpaceLink): string | null {
  try {
    const host = new URL(link.url).hostname.toLowerCase().replace(/\.$/, '');
    return host.startsWith('[') ? host.slice(1, -1) : host || null;
  } catch {
    return null;
  }
}

function isPublicAddress(address: string): boolean {
  if (isIpv4(address)) return isPublicIpv4(address);
  if (isIpv6(address)) return isPublicIpv6(address);
  return false;
}

export class WalledGarden implements Component {
  readonly name = 'walled-garden';
  private readonly task: PeriodicTask;
  private started = false;
  /** Settings changes seen, and the last one a finished run had read. */
  private wanted = 0;
  private applied = 0;
  private open: readonly SpaceLink[] = [];
  private outcome: GardenOutcome | null = null;

  constructor(private readonly deps: WalledGardenDeps) {
    this.task = new PeriodicTask(
      () => this.apply(),
      deps.refreshMs,
      (err) => deps.logger.error({ err }, 'walled garden not applied; the addresses opened before time out'),
    );
  }

  /** The links captive clients can reach now: marked, resolved, and applied by the gateway. */
  reachable(): readonly SpaceLink[] {
    return this.open;
  }

  async start(): Promise<void> {
    this.started = true;
    await this.task.run();
    this.task.start();
  }

  async stop(): Promise<void> {
    this.started = false;
    await this.task.stop();
  }

  /** The settings changed: apply the links in force now (after a run under way, if any). */
  async changed(): Promise<void> {
    if (!this.started) return;
    const target = ++this.wanted;
    // A run under way read the links before this change: then one more run reads them. Two at
    // most, so a gateway that keeps failing is left to the periodic refresh.
    for (let i = 0; i < 2 && this.started && this.applied < target; i++) await this.task.run();
  }

  /** One run: resolve every marked link's host, then replace the gateway's entries. */
  private async apply(): Promise<void> {
    const generation = this.wanted;
    const marked = linksBeforeLogin(this.deps.links());
    const own = new Set(this.deps.ownAddresses.map((a) => a.toLowerCase()));
    const byHost = new Map<string, string[]>();
    for (const link of marked) {
      const host = linkHost(link);
      if (host === null || byHost.has(host) || !isPublicHost(host)) continue;
      byHost.set(host, await this.addressesOf(host));
    }
    for (const [host, found] of byHost) {
      byHost.set(
        host,
        found.filter((a) => isPublicAddress(a) && !own.has(a.toLowerCase())),
      );
    }
    const entries: GardenEntry[] = [...new Set([...byHost.values()].flat())].map((address) => ({
      address,
      port: GARDEN_PORT,
    }));
    const outcome = await this.deps.gateway.setGarden(entries, this.deps.timeoutSeconds);
    // Only what the gateway holds open is promised on the welcome page.
    this.open =
      outcome === 'applied'
        ? marked.filter((l) => {
            const host = linkHost(l);
            return host !== null && (byHost.get(host)?.length ?? 0) > 0;
          })
        : [];
    if (outcome !== this.outcome && outcome === 'unsupported' && marked.length > 0) {
      this.deps.logger.warn(
        { links: marked.length },
        'links marked reachable before login are not opened: the router enforces access and keeps its own walled garden',
      );
    }
    this.outcome = outcome;
    this.applied = generation;
    this.deps.logger.info(
      { outcome, links: this.open.length, addresses: entries.length },
      'walled garden of the links applied',
    );
  }

  /** A literal address as it is; a name through the resolver (a failure opens nothing for it). */
  private async addressesOf(host: string): Promise<string[]> {
    if (isIpv4(host) || isIpv6(host)) return [host];
    try {
      return await this.deps.resolve(host);
    } catch (err) {
      this.deps.logger.warn({ err, host }, 'a link reachable before login did not resolve; left closed');
      return [];
    }
  }
}

/**
 * Resolves through one DNS server (the box's filtering resolver), IPv4 and IPv6. A family the
 * server has no answer for (no AAAA record, or a resolver that refuses AAAA) gives none of its
 * addresses; only when both fail is the name unresolved. Built by the composition root with
 * node's `dns.promises.Resolver`.
 */
export function resolverThrough(resolver: {
  resolve4(host: string): Promise<string[]>;
  resolve6(host: string): Promise<string[]>;
}): (host: string) => Promise<string[]> {
  return async (host) => {
    const [v4, v6] = await Promise.allSettled([resolver.resolve4(host), resolver.resolve6(host)]);
    if (v4.status === 'rejected' && v6.status === 'rejected') throw v4.reason;
    return [...(v4.status === 'fulfilled' ? v4.value : []), ...(v6.status === 'fulfilled' ? v6.value : [])];
  };
}
