// The Gateway adapter for a box that is the router: lets authorized clients through its own
// nftables table, cuts their open connections when they are let go, reads their byte counters
// into the sessions, and on start re-applies the rules and reconciles them with the store.
// With port blocks, it also gives each client its block of source ports on the public address
// (recorded on the session for the legal journal) in the same transaction that lets it through.

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isIpv4, isIpv6, normalizeMac, type Device } from '../../domain/device';
import { EcnError } from '../../domain/errors';
import { isStoreDown } from '../../domain/store-health';
import type { Authorization, ClientGrant, Gateway, GardenEntry, GardenOutcome } from '../../domain/ports';
import type { NatPorts, Session } from '../../domain/session';
import type { Logger } from '../../log';
import { sessionAccess, type AccessDeps } from '../../services/client-access';
import { endSession, recordSessionTraffic } from '../../services/sessions';
import { execCommand, type RunCommand } from './commands';
import { parseBandwidthEntries, parseClientSets, type ElementCounter } from './elements';
import { kernelNeighbours, type NeighbourTable } from './neighbours';
import { PortBlocks, type PortBlockPlan } from './port-blocks';
import {
  addClientBatch,
  bandwidthBatch,
  canonicalIpv6,
  removeBandwidthCommands,
  clientElements,
  FORWARDED_MARK,
  natElement,
  natMapBatch,
  removeClientBatch,
  renderRuleset,
  TABLE,
  type ClientElements,
  type ClientSet,
  type RulesetOptions,
  gardenBatch,
} from './ruleset';

export interface NftablesGatewayOptions {
  ruleset: Omit<RulesetOptions, 'garden4' | 'garden6' | 'nat'>;
  /** Deterministic NAT: the address clients are translated to and how its ports are shared out. */
  portBlocks?: { address: string; plan: PortBlockPlan } | null;
  /** Walled garden as configured: host names and addresses; names are resolved at each apply. */
  walledGarden: readonly string[];
  /** Where the generated rule-set is written before it is checked and applied. */
  rulesetFile: string;
  counterIntervalMs: number;
  commands: { nft: string; conntrack: string; ip: string };
  run?: RunCommand;
  /** The kernel's IPv4 neighbour table as a file (tests give their own). */
  arpFile?: string;
  /** Resolves a walled-garden host name to addresses. */
  resolveHost?: (host: string) => Promise<string[]>;
}

export type NftablesDeps = Omit<AccessDeps, 'gateway'>;

interface Tracked {
  device: Device;
  elements: ClientElements;
  /** Counter values at the last read; traffic is the growth since. */
  lastUp: number;
  lastDown: number;
  /** Session totals as last recorded (bytesIn: from the client, bytesOut: to it, as RADIUS counts). */
  bytesIn: number;
  bytesOut: number;
}

export class NftablesGateway implements Gateway {
  readonly kind = 'nftables';
  private readonly run: RunCommand;
  private readonly neighbours: NeighbourTable;
  private readonly tracked = new Map<string, Tracked>();
  /** Addresses that may hold a bandwidth entry (kept by this adapter, rebuilt at start). */
  private readonly limited = new Set<string>();
  /** Port blocks by client IPv4 address; null when the box masquerades or does no NAT. */
  private readonly blocks: PortBlocks | null;
  private queue: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly options: NftablesGatewayOptions,
    private readonly deps: NftablesDeps,
    private readonly logger: Logger,
  ) {
    this.run = options.run ?? execCommand;
    this.neighbours = kernelNeighbours({
      iface: options.ruleset.clientInterface,
      ipCommand: options.commands.ip,
      run: this.run,
      arpFile: options.arpFile,
    });
    this.blocks = options.portBlocks ? new PortBlocks(options.portBlocks.plan) : null;
  }

  async start(): Promise<void> {
    await this.exclusive(async () => {
      await this.applyRuleset();
      await this.reconcile();
    });
    if (this.options.counterIntervalMs > 0) {
      this.timer = setInterval(() => void this.readCounters(), this.options.counterIntervalMs);
      this.timer.unref();
    }
  }

  /** The rules and the authorized clients stay in the kernel, so a restart drops no one. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.queue.catch(() => {});
  }

  /**
   * Runs at every portal request (a crowd of phones probing at once): read from the kernel's
   * table without starting a process, and never from an answer older than the request.
   */
  identify(ip: string): Promise<string | null> {
    return this.neighbours.macOf(ip);
  }

  async authorize(grant: ClientGrant): Promise<Authorization> {
    const elements = clientElements(grant.device);
    if (elements === null) throw new Error('the nftables gateway needs the client IP address');
    if (grant.secondsLeft <= 0) {
      await this.deauthorize(grant.device, grant.sessionId);
      return { natPorts: null };
    }
    return this.exclusive(async () => {
      const session = await this.deps.store.getSession(grant.sessionId);
      const ip = grant.device.ip!;
      const natPorts = await this.giveBlock(grant.sessionId, ip, session?.natPorts ?? null);
      try {
        await this.run(
          this.options.commands.nft,
          ['-f', '-'],
          addClientBatch(elements, grant.secondsLeft, natPorts && natElement(ip, natPorts)),
        );
      } catch (err) {
        if (!this.isTracked(ip)) this.blocks?.release(ip);
        this.countBlocks();
        throw err;
      }
      await this.setBandwidth(
        grant.device.ip!,
        { upBps: grant.bandwidthUpBps, downBps: grant.bandwidthDownBps },
        grant.secondsLeft,
      );
      this.tracked.set(grant.sessionId, {
        device: grant.device,
        elements,
        lastUp: 0,
        lastDown: 0,
        bytesIn: session?.bytesIn ?? 0,
        bytesOut: session?.bytesOut ?? 0,
      });
      this.logger.info(
        {
          sessionId: grant.sessionId,
          secondsLeft: grant.secondsLeft,
          ...(natPorts && { natPorts: `${natPorts.first}-${natPorts.last}` }),
        },
        'client authorized',
      );
      return { natPorts };
    });
  }

  /**
   * The client's port block (null without port blocks, or for IPv6, which is not translated):
   * the one its address holds, else the one recorded on the session, else the lowest free. It is
   * recorded on the session before the kernel uses it, so a restart gives the same block back.
   */
  private async giveBlock(
    sessionId: string,
    ip: string,
    recorded: NatPorts | null,
  ): Promise<NatPorts | null> {
    if (this.blocks === null || !isIpv4(ip)) return null;
    const address = this.options.portBlocks!.address;
    const block = this.blocks.assign(ip, recorded?.publicIp === address ? recorded : null);
    if (block === null) {
      throw new EcnError(
        'ECN_ERR_NAT_PORTS_EXHAUSTED',
        'Every NAT port block is held by a connected device.',
        { capacity: this.blocks.capacity },
      );
    }
    this.countBlocks();
    const natPorts: NatPorts = { publicIp: address, first: block.first, last: block.last };
    if (recorded?.publicIp !== address || recorded.first !== block.first || recorded.last !== block.last) {
      try {
        await this.deps.store.updateSession(sessionId, (s) => ({ ...s, natPorts }));
      } catch (err) {
        if (!this.isTracked(ip)) this.blocks.release(ip);
        this.countBlocks();
        throw err;
      }
    }
    return natPorts;
  }

  /** Tells the metrics how many blocks are held, after each change. */
  private countBlocks(): void {
    if (this.blocks === null) return;
    this.deps.events.emit('gateway.nat_blocks_counted', {
      held: this.blocks.inUse,
      capacity: this.blocks.capacity,
    });
  }

  private isTracked(ip: string): boolean {
    return [...this.tracked.values()].some((t) => t.device.ip === ip);
  }

  /** The client's NAT map element as given, or null if its address holds no block. */
  private natElementOf(ip: string): string | null {
    const block = this.blocks?.heldBy(ip);
    if (!block) return null;
    return natElement(ip, {
      publicIp: this.options.portBlocks!.address,
      first: block.first,
      last: block.last,
    });
  }

  /** Removes the client's elements and NAT block in one transaction, then its limits and flows. */
  private async letGo(elements: ClientElements, ip: string): Promise<void> {
    await this.run(
      this.options.commands.nft,
      ['-f', '-'],
      removeClientBatch(elements, this.natElementOf(ip)),
    );
    this.blocks?.release(ip);
    this.countBlocks();
    await this.clearBandwidth(ip);
    await this.cutConnections(ip);
  }

  /** The walled garden of the links (issue #15, item 8): both sets replaced in one transaction. */
  async setGarden(entries: readonly GardenEntry[], timeoutSeconds: number): Promise<GardenOutcome> {
    const batch = gardenBatch(entries, timeoutSeconds);
    await this.exclusive(() => this.run(this.options.commands.nft, ['-f', '-'], batch));
    return 'applied';
  }

  async deauthorize(device: Device, sessionId: string): Promise<void> {
    const elements = clientElements(device);
    if (elements === null) return;
    await this.exclusive(async () => {
      const t = this.tracked.get(sessionId);
      if (t) await this.recordFinalTraffic(sessionId, t).catch(() => {});
      this.tracked.delete(sessionId);
      // Another open session may share the device (a second ticket): keep it through.
      const sharedWith = [...this.tracked.values()].find((o) => o.elements.up.key === elements.up.key);
      if (sharedWith) return;
      await this.letGo(elements, device.ip!);
      this.logger.info({ sessionId }, 'client deauthorized');
    });
  }

  /** One read of every client's counters into its session; ends sessions over their quota. */
  readCounters(): Promise<void> {
    return this.exclusive(async () => {
      const sets = await this.listSets();
      for (const [sessionId, t] of [...this.tracked]) {
        const up = sets.get(t.elements.up.set)?.get(t.elements.up.key);
        const down = sets.get(t.elements.down.set)?.get(t.elements.down.key);
        try {
          await this.recordTraffic(sessionId, t, up, down);
        } catch (err) {
          // Store down (issue #13, item 4): the client keeps its access; the kernel's counters
          // keep growing, so the next read after the outage records the traffic it missed.
          if (isStoreDown(err))
            this.logger.debug(
              { sessionId, errorCode: err.code },
              'client counters not recorded: store unavailable',
            );
          else this.logger.error({ err, sessionId }, 'reading client counters failed');
        }
      }
    }).catch((err: unknown) => this.logger.error({ err }, 'reading counters failed'));
  }

  private async recordTraffic(
    sessionId: string,
    t: Tracked,
    up: ElementCounter | undefined,
    down: ElementCounter | undefined,
  ): Promise<void> {
    const upBytes = up?.bytes ?? t.lastUp;
    const downBytes = down?.bytes ?? t.lastDown;
    const dIn = upBytes >= t.lastUp ? upBytes - t.lastUp : upBytes;
    const dOut = downBytes >= t.lastDown ? downBytes - t.lastDown : downBytes;
    const { session, limitReached } = await recordSessionTraffic(this.deps, sessionId, {
      bytesIn: t.bytesIn + dIn,
      bytesOut: t.bytesOut + dOut,
    });
    // Only once recorded: a store that did not answer gets the same growth at the next read.
    t.lastUp = upBytes;
    t.lastDown = downBytes;
    t.bytesIn = session.bytesIn;
    t.bytesOut = session.bytesOut;
    if (session.endedAt !== null || limitReached !== null) {
      // Ended elsewhere (revoked by the `ecn` command) or over its quota: let it go now.
      if (session.endedAt === null) await endSession(this.deps, sessionId, limitReached!);
      await this.removeUnlocked(sessionId, t);
      this.logger.info({ sessionId, cause: session.endCause ?? limitReached }, 'client let go');
    } else if (up === undefined && down === undefined) {
      // The kernel timed the elements out: the sweeper ends the session; stop counting it.
      this.tracked.delete(sessionId);
    }
  }

  /**
   * The last traffic of a client let go, read from its two elements only (one `nft get element`
   * batch, not a listing of the whole table). Nothing is counted if they are gone (timed out).
   */
  private async recordFinalTraffic(sessionId: string, t: Tracked): Promise<void> {
    let stdout: string;
    try {
      ({ stdout } = await this.run(
        this.options.commands.nft,
        ['-f', '-'],
        `get element ${TABLE} ${t.elements.up.set} { ${t.elements.up.key} }\n` +
          `get element ${TABLE} ${t.elements.down.set} { ${t.elements.down.key} }\n`,
      ));
    } catch {
      return;
    }
    // nft 1.0 prints `get element` as text, even with -j: the up element comes first.
    const bytes = [...stdout.matchAll(/counter packets \d+ bytes (\d+)/g)].map((m) => Number(m[1]));
    if (bytes.length !== 2) return;
    const [up, down] = bytes as [number, number];
    const dIn = up >= t.lastUp ? up - t.lastUp : up;
    const dOut = down >= t.lastDown ? down - t.lastDown : down;
    if (dIn + dOut > 0) {
      await recordSessionTraffic(this.deps, sessionId, {
        bytesIn: t.bytesIn + dIn,
        bytesOut: t.bytesOut + dOut,
      });
    }
  }

  private async removeUnlocked(sessionId: string, t: Tracked): Promise<void> {
    this.tracked.delete(sessionId);
    if ([...this.tracked.values()].some((o) => o.elements.up.key === t.elements.up.key)) return;
    await this.letGo(t.elements, t.device.ip!);
  }

  private async setBandwidth(
    ip: string,
    bw: { upBps: number | null; downBps: number | null },
    seconds: number,
  ): Promise<void> {
    ip = isIpv4(ip) ? ip : canonicalIpv6(ip);
    await this.clearBandwidth(ip);
    const batch = bandwidthBatch(ip, bw, seconds);
    if (batch === '') return;
    await this.run(this.options.commands.nft, ['-f', '-'], batch);
    this.limited.add(ip);
  }

  /** Deletes the client's bandwidth entries; an entry already gone (timed out) is fine. */
  private async clearBandwidth(address: string): Promise<void> {
    const ip = isIpv4(address) ? address : canonicalIpv6(address);
    if (!this.limited.has(ip)) return;
    for (const command of removeBandwidthCommands(ip)) {
      try {
        await this.run(this.options.commands.nft, ['-f', '-'], command);
      } catch (err) {
        if (!/No such file or directory/.test((err as { stderr?: string }).stderr ?? '')) throw err;
      }
    }
    this.limited.delete(ip);
  }

  /** Established flows survive a removed set element; deleting their conntrack entries ends them. */
  private async cutConnections(ip: string): Promise<void> {
    const family = isIpv4(ip) ? 'ipv4' : 'ipv6';
    try {
      await this.run(this.options.commands.conntrack, [
        '-D',
        '-f',
        family,
        '-s',
        ip,
        '-m',
        `${FORWARDED_MARK}/${FORWARDED_MARK}`,
      ]);
    } catch (err) {
      // conntrack exits 1 when there was nothing to delete.
      const stderr = (err as { stderr?: string }).stderr ?? '';
      if (!/0 flow entries/.test(stderr)) throw err;
    }
  }

  private async applyRuleset(): Promise<void> {
    const { garden4, garden6 } = await this.resolveGarden();
    const pb = this.options.portBlocks;
    const nat = pb && this.blocks ? { address: pb.address, shared: this.blocks.shared() } : null;
    const text = renderRuleset({ ...this.options.ruleset, garden4, garden6, nat });
    const file = this.options.rulesetFile;
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text, { mode: 0o640 });
    const nft = this.options.commands.nft;
    await this.run(nft, ['-c', '-f', file]);
    await this.run(nft, ['-f', file]);
    this.logger.info({ file, garden: garden4.length + garden6.length }, 'nftables rules applied');
  }

  private async resolveGarden(): Promise<{ garden4: string[]; garden6: string[] }> {
    const garden4 = new Set<string>();
    const garden6 = new Set<string>();
    for (const entry of this.options.walledGarden) {
      const addr = entry.split('/')[0]!;
      if (isIpv4(addr)) garden4.add(entry);
      else if (isIpv6(addr)) garden6.add(entry.toLowerCase());
      else {
        try {
          const found = (await this.options.resolveHost?.(entry)) ?? [];
          for (const a of found) {
            if (isIpv4(a)) garden4.add(a);
            else if (isIpv6(a)) garden6.add(a.toLowerCase());
          }
        } catch (err) {
          this.logger.warn({ err, host: entry }, 'walled-garden host not resolved; left out');
        }
      }
    }
    return { garden4: [...garden4], garden6: [...garden6] };
  }

  private async listSets(): Promise<Map<ClientSet, Map<string, ElementCounter>>> {
    const { stdout } = await this.run(this.options.commands.nft, [
      '-j',
      'list',
      'table',
      ...TABLE.split(' '),
    ]);
    return parseClientSets(stdout);
  }

  /**
   * After a reboot or a crash: clients of open sessions with time left are (re)authorized with
   * the time they have left; elements that no open session explains are removed with their
   * connections. Elements already present keep their counters.
   */
  private async reconcile(): Promise<void> {
    const { stdout } = await this.run(this.options.commands.nft, [
      '-j',
      'list',
      'table',
      ...TABLE.split(' '),
    ]);
    const sets = parseClientSets(stdout);
    for (const ip of parseBandwidthEntries(stdout)) if (isIpv4(ip) || isIpv6(ip)) this.limited.add(ip);
    const now = this.deps.clock.now();
    const open = (await this.deps.store.listOpenSessions()).filter((s) => s.origin.kind === 'local');
    const usable: {
      s: Session;
      elements: ClientElements;
      access: Awaited<ReturnType<typeof sessionAccess>>;
    }[] = [];
    for (const s of open) {
      const elements = this.elementsOf(s);
      if (elements === null) continue;
      const access = await sessionAccess(this.deps, s, now);
      if (access.secondsLeft <= 0 || access.bytesLeft === 0) continue; // the sweeper ends it
      usable.push({ s, elements, access });
    }
    const withBlocks = await this.restoreBlocks(usable.map((u) => u.s));
    const wanted = new Set<string>();
    let restored = 0;
    for (const { s, elements, access } of usable) {
      if (!withBlocks.has(s.id)) continue;
      const up = sets.get(elements.up.set)?.get(elements.up.key);
      const down = sets.get(elements.down.set)?.get(elements.down.key);
      const limits = access.ticket?.limits;
      if (up === undefined || down === undefined) {
        await this.run(this.options.commands.nft, ['-f', '-'], addClientBatch(elements, access.secondsLeft));
        restored++;
      }
      await this.setBandwidth(
        s.device.ip!,
        { upBps: limits?.bandwidthUpBps ?? null, downBps: limits?.bandwidthDownBps ?? null },
        access.secondsLeft,
      );
      this.tracked.set(s.id, {
        device: s.device,
        elements,
        lastUp: up && down ? up.bytes : 0,
        lastDown: up && down ? down.bytes : 0,
        bytesIn: s.bytesIn,
        bytesOut: s.bytesOut,
      });
      wanted.add(`${elements.up.set}|${elements.up.key}`);
      wanted.add(`${elements.down.set}|${elements.down.key}`);
    }
    let removed = 0;
    for (const [set, elems] of sets) {
      for (const key of elems.keys()) {
        if (wanted.has(`${set}|${key}`)) continue;
        const ip = checkedKeyIp(key);
        if (ip === null) {
          this.logger.warn({ set }, 'unexpected element left in place');
          continue;
        }
        await this.run(this.options.commands.nft, ['-f', '-'], `delete element ${TABLE} ${set} { ${key} }\n`);
        await this.clearBandwidth(ip);
        await this.cutConnections(ip);
        removed++;
      }
    }
    this.logger.info({ open: this.tracked.size, restored, removed }, 'clients reconciled with the store');
  }

  /**
   * Gives the restored sessions their blocks back: first every block recorded on a session, then
   * the lowest free one to a session that has none (authorized before port blocks were on), and
   * writes the NAT map in one transaction. Returns the sessions that may be let through; one
   * left without a block (the plan shrank) is ended, never let through unattributable.
   */
  private async restoreBlocks(sessions: Session[]): Promise<Set<string>> {
    const ok = new Set(sessions.map((s) => s.id));
    if (this.blocks === null) return ok;
    const address = this.options.portBlocks!.address;
    const recordedOf = (s: Session) => (s.natPorts?.publicIp === address ? s.natPorts : null);
    const v4 = sessions.filter((s) => isIpv4(s.device.ip ?? ''));
    for (const s of v4) if (recordedOf(s)) this.blocks.assign(s.device.ip!, recordedOf(s));
    for (const s of v4) {
      try {
        await this.giveBlock(s.id, s.device.ip!, recordedOf(s));
      } catch (err) {
        this.logger.error({ err, sessionId: s.id }, 'no NAT port block for a restored session; ending it');
        ok.delete(s.id);
        await endSession(this.deps, s.id, 'disconnected');
      }
    }
    const entries = this.blocks.held().map(([ip, b]) => ({
      ip,
      natPorts: { publicIp: address, first: b.first, last: b.last },
    }));
    await this.run(this.options.commands.nft, ['-f', '-'], natMapBatch(entries));
    this.countBlocks();
    return ok;
  }

  private elementsOf(s: Session): ClientElements | null {
    try {
      return clientElements(s.device);
    } catch (err) {
      this.logger.warn({ err, sessionId: s.id }, 'session device not usable by the gateway');
      return null;
    }
  }

  /** One change at a time, so the tracked state and the kernel never disagree mid-way. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => {});
    return next;
  }
}

/** The IP of an element key read back from the kernel (`ip` or `mac . ip`), or null if it is not one. */
export function checkedKeyIp(key: string): string | null {
  const parts = key.split(' . ');
  if (parts.length > 2) return null;
  const ip = parts[parts.length - 1]!;
  if (parts.length === 2 && normalizeMac(parts[0]!) !== parts[0]) return null;
  return isIpv4(ip) || isIpv6(ip) ? ip : null;
}
