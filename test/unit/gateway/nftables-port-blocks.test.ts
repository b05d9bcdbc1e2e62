// NAT port blocks in the nftables adapter and its rule-set, against a recording stand-in for nft:
// the block is given in the same transaction as the client's elements, recorded on the session,
// given back on deauthorize, kept across a restart, and refused when none is left.

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { NftablesGateway, type NftablesDeps } from '../../../src/gateway/nftables/nftables-gateway';
import { CommandFailed, type RunCommand } from '../../../src/gateway/nftables/commands';
import { renderRuleset, type RulesetOptions } from '../../../src/gateway/nftables/ruleset';
import {
  addClientBatch,
  clientElements,
  removeClientBatch,
} from '../../../src/gateway/nftables/client-elements';
import { natElement, natMapBatch } from '../../../src/gateway/nftables/nat-map';
import { MemoryStore } from '../../../src/store/memory-store';
import { issueTickets } from '../../../src/services/issue-tickets';
import { redeemTicket } from '../../../src/services/redeem-ticket';
import { startSession } from '../../../src/services/sessions';
import { makeDevice, type Device } from '../../../src/domain/device';
import { isEcnError } from '../../../src/domain/errors';
import type { ClientGrant } from '../../../src/domain/ports';
import { makeDeps } from '../../helpers/fakes';

const PUBLIC = '198.51.100.7';

describe('rule-set with port blocks', () => {
  const base: RulesetOptions = {
    clientInterface: 'wlan0',
    upstreamInterface: 'eth0',
    portalAddress: '10.42.0.1',
    portalPort: 8080,
    dnsAddress: '10.42.0.1',
    dnsPort: 53,
    garden4: [],
    garden6: [],
    nat: { address: PUBLIC, shared: { first: 1024, last: 2047 } },
  };
  const text = renderRuleset(base);

  test('clients are translated through the map; devices not logged in share the first block', () => {
    expect(text).toContain(
      'add map inet ecn_gateway nat_blocks4 { type ipv4_addr : interval ipv4_addr . inet_service; flags interval; }',
    );
    const post = text.split('\n').filter((l) => l.startsWith('add rule inet ecn_gateway postrouting'));
    expect(post).toEqual([
      'add rule inet ecn_gateway postrouting iifname "wlan0" oifname "eth0" meta l4proto { tcp, udp, icmp } snat ip to ip saddr map @nat_blocks4',
      `add rule inet ecn_gateway postrouting iifname "wlan0" oifname "eth0" meta l4proto { tcp, udp, icmp } snat ip to ${PUBLIC}:1024-2047`,
    ]);
    expect(text).not.toContain('masquerade');
    // The map is declared, never flushed by a re-apply: blocks stay with the clients.
    expect(text).not.toMatch(/flush map/);
  });

  test('what cannot be confined to a block (other protocols, IPv6) is refused before the client accepts', () => {
    const forward = text.split('\n').filter((l) => l.startsWith('add rule inet ecn_gateway forward'));
    const refuse4 = forward.findIndex((l) =>
      l.includes('meta nfproto ipv4 meta l4proto != { tcp, udp, icmp } reject'),
    );
    const refuse6 = forward.findIndex((l) => l.includes('oifname "eth0" meta nfproto ipv6 reject'));
    const accept = forward.findIndex((l) => l.includes('@clients_mac4'));
    expect(refuse4).toBeGreaterThan(0);
    expect(refuse6).toBeGreaterThan(0);
    expect(accept).toBeGreaterThan(Math.max(refuse4, refuse6));
    expect(renderRuleset({ ...base, nat: null })).not.toContain('meta nfproto ipv6 reject');
  });

  test('refuses a NAT address that is not IPv4, an empty block, or NAT without an upstream interface', () => {
    expect(() =>
      renderRuleset({ ...base, nat: { address: 'eth0', shared: { first: 1024, last: 2047 } } }),
    ).toThrow();
    expect(() =>
      renderRuleset({ ...base, nat: { address: PUBLIC, shared: { first: 2047, last: 1024 } } }),
    ).toThrow();
    expect(() => renderRuleset({ ...base, upstreamInterface: null })).toThrow(/upstream/);
  });

  test('the client batches carry its map element; the map is refilled in one transaction', () => {
    const el = clientElements({ mac: null, ip: '10.42.0.23' })!;
    const nat = natElement('10.42.0.23', { publicIp: PUBLIC, first: 2048, last: 3071 });
    expect(nat).toBe(`10.42.0.23 : ${PUBLIC} . 2048-3071`);
    expect(addClientBatch(el, 60, nat).split('\n')[0]).toBe(
      `add element inet ecn_gateway nat_blocks4 { ${nat} }`,
    );
    expect(removeClientBatch(el, nat)).toContain(
      'delete element inet ecn_gateway nat_blocks4 { 10.42.0.23 }\n',
    );
    expect(() => natElement('2001:db8::1', { publicIp: PUBLIC, first: 2048, last: 3071 })).toThrow();
    expect(natMapBatch([])).toBe('flush map inet ecn_gateway nat_blocks4\n');
    expect(
      natMapBatch([
        { ip: '10.42.0.23', natPorts: { publicIp: PUBLIC, first: 2048, last: 3071 } },
        { ip: '10.42.0.24', natPorts: { publicIp: PUBLIC, first: 3072, last: 4095 } },
      ]),
    ).toBe(
      'flush map inet ecn_gateway nat_blocks4\n' +
        `add element inet ecn_gateway nat_blocks4 { 10.42.0.23 : ${PUBLIC} . 2048-3071, 10.42.0.24 : ${PUBLIC} . 3072-4095 }\n`,
    );
  });
});

describe('the adapter', () => {
  let dir: string;
  let store: MemoryStore;
  let deps: NftablesDeps & { clock: ReturnType<typeof makeDeps>['clock'] };
  let batches: string[];

  const run: RunCommand = async (file, args, stdin) => {
    if (file === 'nft' && args[1] === '-') batches.push(stdin ?? '');
    if (file === 'nft' && args[0] === '-j') return { stdout: '{"nftables":[]}', stderr: '' };
    if (file === 'conntrack') throw new CommandFailed(file, args, 1, '0 flow entries have been deleted.');
    return { stdout: '', stderr: '' };
  };

  function gateway(blockSize = 1024, lastPort = 65535): NftablesGateway {
    return new NftablesGateway(
      {
        ruleset: {
          clientInterface: 'wlan0',
          upstreamInterface: 'eth0',
          portalAddress: '10.42.0.1',
          portalPort: 80,
          dnsAddress: '10.42.0.1',
          dnsPort: 53,
        },
        portBlocks: { address: PUBLIC, plan: { firstPort: 1024, lastPort, blockSize } },
        walledGarden: [],
        rulesetFile: path.join(dir, 'ecn.nft'),
        counterIntervalMs: 0,
        commands: { nft: 'nft', conntrack: 'conntrack', ip: 'ip' },
        run,
      },
      deps,
      pino({ level: 'silent' }),
    );
  }

  function grant(device: Device, sessionId: string): ClientGrant {
    return {
      device,
      sessionId,
      secondsLeft: 3600,
      bytesLeft: null,
      bandwidthUpBps: null,
      bandwidthDownBps: null,
      idleTimeoutSeconds: null,
    };
  }

  async function openSession(ip: string): Promise<{ sessionId: string; device: Device }> {
    const device = makeDevice({ mac: `02:ec:00:00:00:${ip.split('.')[3]!.padStart(2, '0')}`, ip });
    const { tickets } = await issueTickets(deps, { profile: '1h', count: 1, createdBy: 'test' });
    await redeemTicket(deps, { code: tickets[0]!.code, device, via: 'portal' });
    const s = await startSession(deps, { ticketId: tickets[0]!.id, device, origin: { kind: 'local' } });
    return { sessionId: s.id, device };
  }

  beforeEach(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-nat-'));
    store = new MemoryStore('roubaix-demo');
    await store.start();
    const d = makeDeps(store);
    deps = {
      ...d,
      policy: {
        charterVersion: '2026-11',
        throttle: { maxTries: 5, waitSeconds: 60, maxWaitSeconds: 3600 },
        freeAccess: { enabled: false, dailyAllowanceSeconds: 3600 },
        dayOf: () => '2026-11-28',
      },
    };
    batches = [];
  });

  afterEach(async () => {
    await store.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test('start writes the NAT rules and an empty map when no session is open', async () => {
    const g = gateway();
    await g.start();
    expect(readFileSync(path.join(dir, 'ecn.nft'), 'utf8')).toContain(`snat ip to ${PUBLIC}:1024-2047`);
    expect(batches).toContain('flush map inet ecn_gateway nat_blocks4\n');
  });

  test('authorize gives the lowest free block in the same batch, records it and reports it', async () => {
    const g = gateway();
    const a = await openSession('10.42.0.10');
    const b = await openSession('10.42.0.11');
    expect(await g.authorize(grant(a.device, a.sessionId))).toEqual({
      natPorts: { publicIp: PUBLIC, first: 2048, last: 3071 },
    });
    expect(batches.at(-1)).toContain(
      `add element inet ecn_gateway nat_blocks4 { 10.42.0.10 : ${PUBLIC} . 2048-3071 }`,
    );
    expect(batches.at(-1)).toContain('clients_mac4 { 02:ec:00:00:00:10 . 10.42.0.10 timeout 3600s }');
    expect((await g.authorize(grant(b.device, b.sessionId)))!.natPorts).toMatchObject({ first: 3072 });
    expect((await store.getSession(a.sessionId))!.natPorts).toEqual({
      publicIp: PUBLIC,
      first: 2048,
      last: 3071,
    });
    // Authorized again (a device coming back): the same block.
    expect((await g.authorize(grant(a.device, a.sessionId)))!.natPorts).toMatchObject({ first: 2048 });
  });

  test('deauthorize takes the block back in the removal batch; the next client gets it', async () => {
    const g = gateway();
    const a = await openSession('10.42.0.10');
    const b = await openSession('10.42.0.11');
    await g.authorize(grant(a.device, a.sessionId));
    await g.authorize(grant(b.device, b.sessionId));
    batches = [];
    await g.deauthorize(a.device, a.sessionId);
    const removal = batches.find((x) => x.includes('delete element'))!;
    expect(removal).toContain(
      'delete element inet ecn_gateway clients_mac4 { 02:ec:00:00:00:10 . 10.42.0.10 }',
    );
    expect(removal).toContain('delete element inet ecn_gateway nat_blocks4 { 10.42.0.10 }');
    const c = await openSession('10.42.0.12');
    expect((await g.authorize(grant(c.device, c.sessionId)))!.natPorts).toMatchObject({ first: 2048 });
  });

  test('when every block is held the login is refused with ECN_ERR_NAT_PORTS_EXHAUSTED, nothing applied', async () => {
    const counted: { held: number; capacity: number }[] = [];
    deps.events.on('gateway.nat_blocks_counted', (e) => counted.push(e));
    const g = gateway(64, 1024 + 3 * 64 - 1); // blocks 0 (shared), 1 and 2
    const sessions = [];
    for (const ip of ['10.42.0.10', '10.42.0.11', '10.42.0.12']) sessions.push(await openSession(ip));
    await g.authorize(grant(sessions[0]!.device, sessions[0]!.sessionId));
    await g.authorize(grant(sessions[1]!.device, sessions[1]!.sessionId));
    const before = batches.length;
    const err = await g
      .authorize(grant(sessions[2]!.device, sessions[2]!.sessionId))
      .catch((e: unknown) => e);
    expect(isEcnError(err, 'ECN_ERR_NAT_PORTS_EXHAUSTED')).toBe(true);
    expect(batches.length).toBe(before);
    expect((await store.getSession(sessions[2]!.sessionId))!.natPorts).toBeUndefined();
    expect(counted.at(-1)).toEqual({ held: 2, capacity: 2 });
    await g.deauthorize(sessions[0]!.device, sessions[0]!.sessionId);
    expect((await g.authorize(grant(sessions[2]!.device, sessions[2]!.sessionId)))!.natPorts).toMatchObject({
      first: 1088,
    });
  });

  test('after a restart every open session keeps its recorded block, whatever the order', async () => {
    const first = gateway();
    const a = await openSession('10.42.0.10');
    const b = await openSession('10.42.0.11');
    await first.authorize(grant(a.device, a.sessionId));
    await first.authorize(grant(b.device, b.sessionId));
    await first.deauthorize(a.device, a.sessionId);
    await store.updateSession(a.sessionId, (s) => ({ ...s, endedAt: deps.clock.now(), endCause: 'logout' }));
    // A session opened before port blocks were turned on has none recorded.
    const c = await openSession('10.42.0.12');
    batches = [];
    await gateway().start();
    const map = batches.find((x) => x.startsWith('flush map'))!;
    expect(map).toContain(`10.42.0.11 : ${PUBLIC} . 3072-4095`);
    expect(map).toContain(`10.42.0.12 : ${PUBLIC} . 2048-3071`);
    expect((await store.getSession(c.sessionId))!.natPorts).toMatchObject({ first: 2048 });
    expect((await store.getSession(b.sessionId))!.natPorts).toMatchObject({ first: 3072 });
    // The map is written before any client is let through.
    const firstClient = batches.findIndex((x) => x.includes('clients_mac4'));
    expect(batches.indexOf(map)).toBeLessThan(firstClient);
  });

  test('an IPv6 client is not translated (and is refused upstream by the rule-set)', async () => {
    const g = gateway();
    const device = makeDevice({ mac: '02:ec:00:00:00:66', ip: '2001:db8::66' });
    const { tickets } = await issueTickets(deps, { profile: '1h', count: 1, createdBy: 'test' });
    await redeemTicket(deps, { code: tickets[0]!.code, device, via: 'portal' });
    const s = await startSession(deps, { ticketId: tickets[0]!.id, device, origin: { kind: 'local' } });
    expect(await g.authorize(grant(device, s.id))).toEqual({ natPorts: null });
    expect(batches.at(-1)).not.toContain('nat_blocks4');
  });
});
