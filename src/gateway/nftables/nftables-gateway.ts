// The Gateway adapter for a box that is the router: lets authorized clients through its own
// nftables table, cuts their open connections when they are let go, reads their byte counters
// into the sessions, and on start re-applies the rules and reconciles them with the store.
// With port blocks, it also gives each client its block of source ports on the public address
// (recorded on the session for the legal journal) in the same transaction that lets it through.

import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isIpv4, isIpv6, type Device } from '../../domain/device';
import { isStoreDown } from '../../domain/store-health';
import type { Authorization, ClientGrant, Gateway, GardenEntry, GardenOutcome } from '../../domain/ports';
import type { Session } from '../../domain/session';
import type { Logger } from '../../log';
import { sessionAccess, type AccessDeps } from '../../services/client-access';
import { endSession, recordSessionTraffic } from '../../services/sessions';
import { BandwidthLimits } from './bandwidth-limits';
import {
  addClientBatch,
  checkedKeyIp,
  clientElements,
  removeClientBatch,
  type ClientElements,
  type ClientSet,
} from './client-elements';
import { cutConnections, finalCounters, growth, type Tracked } from './client-traffic';
import { execCommand, type RunCommand } from './commands';
import { parseBandwidthEntries, parseClientSets, type ElementCounter } from './elements';
import { NatBlocks } from './nat-blocks';
import { natElement } from './nat-map';
import { kernelNeighbours, type NeighbourTable } from './neighbours';
import { TABLE } from './nft-values';
import type { PortBlockPlan } from './port-blocks';
import { renderRuleset, type RulesetOptions } from './ruleset';
import { gardenBatch, resolveGarden } from './walled-garden';

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

export class NftablesGateway implements Gateway {
  readonly kind = 'nftables';
  private readonly run: RunCommand;
  private readonly neighbours: NeighbourTable;
  private readonly tracked = new Map<string, Tracked>();
  private readonly bandwidth: BandwidthLimits;
  /** Port blocks by client IPv4 address; null when the box masquerades or does no NAT. */
  private readonly nat: NatBlocks | null;
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
    const apply = (batch: string) => this.run(options.commands.nft, ['-f', '-'], batch);
    this.bandwidth = new BandwidthLimits(apply);
    this.nat = options.portBlocks
      ? new NatBlocks({
          ...options.portBlocks,
          deps,
          inUse: (ip) => this.isTracked(ip),
          apply,
          logger,
        })
      : null;
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
      const natPorts = (await this.nat?.give(grant.sessionId, ip, session?.natPorts ?? null)) ?? null;
      try {
        await this.run(
          this.options.commands.nft,
          ['-f', '-'],
          addClientBatch(elements, grant.secondsLeft, natPorts && natElement(ip, natPorts)),
        );
      } catch (err) {
        this.nat?.releaseUnlessInUse(ip);
        throw err;
      }
      await this.bandwidth.set(
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

  private isTracked(ip: string): boolean {
    return [...this.tracked.values()].some((t) => t.device.ip === ip);
  }

  /** Removes the client's elements and NAT block in one transaction, then its limits and flows. */
  private async letGo(elements: ClientElements, ip: string): Promise<void> {
    await this.run(
      this.options.commands.nft,
      ['-f', '-'],
      removeClientBatch(elements, this.nat?.elementOf(ip) ?? null),
    );
    this.nat?.release(ip);
    await this.bandwidth.clear(ip);
    await cutConnections(this.run, this.options.commands.conntrack, ip);
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
    const { dIn, dOut } = growth(t, upBytes, downBytes);
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
    const last = await finalCounters(this.run, this.options.commands.nft, t.elements);
    if (last === null) return;
    const { dIn, dOut } = growth(t, last.up, last.down);
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

  private async applyRuleset(): Promise<void> {
    const { garden4, garden6 } = await resolveGarden(
      this.options.walledGarden,
      this.options.resolveHost,
      this.logger,
    );
    const nat = this.nat?.ruleset() ?? null;
    const text = renderRuleset({ ...this.options.ruleset, garden4, garden6, nat });
    const file = this.options.rulesetFile;
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, text, { mode: 0o640 });
    const nft = this.options.commands.nft;
    await this.run(nft, ['-c', '-f', file]);
    await this.run(nft, ['-f', file]);
    this.logger.info({ file, garden: garden4.length + garden6.length }, 'nftables rules applied');
  }

  private async listSets(): Promise<Map<ClientSet, Map<string, ElementCounter>>> {
    return parseClientSets(await this.listTable());
  }

  /** The whole table as nft's JSON. */
  private async listTable(): Promise<string> {
    return (await this.run(this.options.commands.nft, ['-j', 'list', 'table', ...TABLE.split(' ')])).stdout;
  }

  /**
   * After a reboot or a crash: clients of open sessions with time left are (re)authorized with
   * the time they have left; elements that no open session explains are removed with their
   * connections. Elements already present keep their counters.
   */
  private async reconcile(): Promise<void> {
    const stdout = await this.listTable();
    const sets = parseClientSets(stdout);
    for (const ip of parseBandwidthEntries(stdout)) if (isIpv4(ip) || isIpv6(ip)) this.bandwidth.remember(ip);
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
    const withBlocks = this.nat
      ? await this.nat.restore(
          usable.map((u) => u.s),
          async (s) => {
            await endSession(this.deps, s.id, 'disconnected');
          },
        )
      : new Set(usable.map((u) => u.s.id));
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
      await this.bandwidth.set(
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
        await this.bandwidth.clear(ip);
        await cutConnections(this.run, this.options.commands.conntrack, ip);
        removed++;
      }
    }
    this.logger.info({ open: this.tracked.size, restored, removed }, 'clients reconciled with the store');
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
