// The nftables adapter against a recording stand-in for the programs it runs: what it asks
// nft and conntrack to do on authorize, deauthorize, start (reconcile) and a counter read.

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { NftablesGateway, type NftablesDeps } from '../../../src/gateway/nftables/nftables-gateway';
import { CommandFailed, type RunCommand } from '../../../src/gateway/nftables/commands';
import { MemoryStore } from '../../../src/store/memory-store';
import { issueTickets } from '../../../src/services/issue-tickets';
import { redeemTicket } from '../../../src/services/redeem-ticket';
import { startSession } from '../../../src/services/sessions';
import { makeDevice } from '../../../src/domain/device';
import { makeDeps } from '../../helpers/fakes';

interface Call {
  file: string;
  args: readonly string[];
  stdin: string;
}

const DEVICE = makeDevice({ mac: '02:ec:00:00:00:10', ip: '10.42.0.23' });

/** Kernel sets as the stand-in reports them: set → key → bytes. */
type Kernel = Record<string, Record<string, number>>;

function listing(kernel: Kernel): string {
  return JSON.stringify({
    nftables: Object.entries(kernel).map(([name, elems]) => ({
      set: {
        name,
        table: 'ecn_gateway',
        elem: Object.entries(elems).map(([key, bytes]) => {
          const parts = key.split(' . ');
          return {
            elem: { val: parts.length > 1 ? { concat: parts } : key, counter: { packets: 1, bytes } },
          };
        }),
      },
    })),
  });
}

let dir: string;
let store: MemoryStore;
let deps: NftablesDeps & { clock: ReturnType<typeof makeDeps>['clock'] };
let calls: Call[];
let kernel: Kernel;

function gateway(): NftablesGateway {
  const run: RunCommand = async (file, args, stdin) => {
    calls.push({ file, args, stdin: stdin ?? '' });
    if (file === 'nft' && args[0] === '-j') return { stdout: listing(kernel), stderr: '' };
    if (file === 'conntrack') throw new CommandFailed(file, args, 1, '0 flow entries have been deleted.');
    if (file === 'ip') {
      return {
        stdout: JSON.stringify([{ dst: 'fd00:ec::23', lladdr: '02:EC:00:00:00:16', state: ['REACHABLE'] }]),
        stderr: '',
      };
    }
    return { stdout: '', stderr: '' };
  };
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
      walledGarden: ['192.0.2.7', 'garden.example'],
      rulesetFile: path.join(dir, 'ecn.nft'),
      counterIntervalMs: 0,
      commands: { nft: 'nft', conntrack: 'conntrack', ip: 'ip' },
      run,
      arpFile: path.join(dir, 'arp'),
      resolveHost: async () => ['198.51.100.9', '2001:db8::9'],
    },
    deps,
    pino({ level: 'silent' }),
  );
}

async function openSession(profile = '1h'): Promise<{ sessionId: string; ticketId: string }> {
  const { tickets } = await issueTickets(deps, { profile, count: 1, createdBy: 'test' });
  const t = tickets[0]!;
  await redeemTicket(deps, { code: t.code, device: DEVICE, via: 'portal' });
  const s = await startSession(deps, { ticketId: t.id, device: DEVICE, origin: { kind: 'local' } });
  return { sessionId: s.id, ticketId: t.id };
}

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-nft-'));
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
  calls = [];
  kernel = {};
});

afterEach(async () => {
  await store.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('start checks the generated rule-set with nft -c, then applies it from the file', async () => {
  const g = gateway();
  await g.start();
  const file = path.join(dir, 'ecn.nft');
  expect(calls.slice(0, 2).map((c) => [c.file, ...c.args])).toEqual([
    ['nft', '-c', '-f', file],
    ['nft', '-f', file],
  ]);
  const text = readFileSync(file, 'utf8');
  expect(text).toContain('add element inet ecn_gateway garden4 { 192.0.2.7, 198.51.100.9 }');
  expect(text).toContain('add element inet ecn_gateway garden6 { 2001:db8::9 }');
  await g.stop();
});

test('authorize adds the MAC-bound elements with the time left; deauthorize removes them and cuts connections', async () => {
  const g = gateway();
  const { sessionId } = await openSession();
  await g.authorize({
    device: DEVICE,
    sessionId,
    secondsLeft: 3599,
    bytesLeft: null,
    bandwidthUpBps: null,
    bandwidthDownBps: null,
    idleTimeoutSeconds: null,
  });
  const add = calls.at(-1)!;
  expect([add.file, ...add.args]).toEqual(['nft', '-f', '-']);
  expect(add.stdin).toContain(
    'add element inet ecn_gateway clients_mac4 { 02:ec:00:00:00:10 . 10.42.0.23 timeout 3599s }',
  );
  expect(add.stdin).toContain('add element inet ecn_gateway clients_down4 { 10.42.0.23 timeout 3599s }');

  calls = [];
  await g.deauthorize(DEVICE, sessionId);
  const removal = calls.find((c) => c.file === 'nft' && c.stdin.includes('delete element'))!;
  expect(removal.stdin).toContain(
    'delete element inet ecn_gateway clients_mac4 { 02:ec:00:00:00:10 . 10.42.0.23 }',
  );
  expect(calls.at(-1)).toMatchObject({
    file: 'conntrack',
    args: ['-D', '-f', 'ipv4', '-s', '10.42.0.23', '-m', '0x40000000/0x40000000'],
  });
});

test('identify reads the MAC from the neighbour table on the client interface, and ignores junk', async () => {
  writeFileSync(
    path.join(dir, 'arp'),
    [
      'IP address       HW type     Flags       HW address            Mask     Device',
      '10.42.0.23       0x1         0x2         02:EC:00:00:00:10     *        wlan0',
      '10.42.0.24       0x1         0x2         02:ec:00:00:00:24     *        eth0',
      '',
    ].join('\n'),
  );
  const g = gateway();
  expect(await g.identify('10.42.0.23')).toBe('02:ec:00:00:00:10');
  expect(await g.identify('::ffff:10.42.0.23')).toBe('02:ec:00:00:00:10');
  // Another interface's neighbour is not a client.
  expect(await g.identify('10.42.0.24')).toBeNull();
  expect(await g.identify('10.42.0.23; reboot')).toBeNull();
  expect(calls).toEqual([]);
});

test('a crowd of portal requests starts no process for IPv4 clients, and one shared `ip` read for IPv6 ones', async () => {
  writeFileSync(
    path.join(dir, 'arp'),
    'IP address       HW type     Flags       HW address            Mask     Device\n' +
      '10.42.0.23       0x1         0x2         02:ec:00:00:00:10     *        wlan0\n',
  );
  const g = gateway();
  const v4 = await Promise.all(Array.from({ length: 50 }, () => g.identify('10.42.0.23')));
  expect(v4).toEqual(Array(50).fill('02:ec:00:00:00:10'));
  expect(calls).toEqual([]);
  const v6 = await Promise.all(Array.from({ length: 50 }, () => g.identify('fd00:ec::23')));
  expect(v6).toEqual(Array(50).fill('02:ec:00:00:00:16'));
  expect(calls.length).toBeLessThanOrEqual(2);
  expect(calls[0]).toMatchObject({ file: 'ip', args: ['-j', '-6', 'neigh', 'show', 'dev', 'wlan0'] });
});

test('start restores open sessions missing from the kernel and removes elements no session explains', async () => {
  const { sessionId } = await openSession();
  kernel = { clients_mac4: { '02:ec:00:00:00:99 . 10.42.0.99': 10 }, clients_down4: { '10.42.0.99': 20 } };
  const g = gateway();
  await g.start();
  const batches = calls.filter((c) => c.args[1] === '-').map((c) => c.stdin);
  expect(
    batches.some((b) => b.includes('clients_mac4 { 02:ec:00:00:00:10 . 10.42.0.23 timeout 3600s }')),
  ).toBe(true);
  expect(batches).toContain(
    'delete element inet ecn_gateway clients_mac4 { 02:ec:00:00:00:99 . 10.42.0.99 }\n',
  );
  expect(calls.filter((c) => c.file === 'conntrack').map((c) => c.args[4])).toEqual([
    '10.42.0.99',
    '10.42.0.99',
  ]);
  expect(sessionId).toBeTruthy();
});

test('counter reads add the growth to the session, and a quota reached ends it and lets the client go', async () => {
  const { sessionId } = await openSession('quota'); // 1000 bytes
  kernel = { clients_mac4: { '02:ec:00:00:00:10 . 10.42.0.23': 100 }, clients_down4: { '10.42.0.23': 300 } };
  const g = gateway();
  await g.start(); // the elements are there: kept, counting starts from their current values
  kernel.clients_mac4!['02:ec:00:00:00:10 . 10.42.0.23'] = 150;
  kernel.clients_down4!['10.42.0.23'] = 500;
  await g.readCounters();
  let s = await store.getSession(sessionId);
  expect([s!.bytesIn, s!.bytesOut, s!.endedAt]).toEqual([50, 200, null]);

  kernel.clients_down4!['10.42.0.23'] = 1500;
  calls = [];
  await g.readCounters();
  s = await store.getSession(sessionId);
  expect(s!.bytesOut).toBe(1200);
  expect(s!.endCause).toBe('quota');
  expect(
    calls.some((c) => c.stdin.includes('delete element inet ecn_gateway clients_down4 { 10.42.0.23 }')),
  ).toBe(true);
  expect(calls.at(-1)).toMatchObject({ file: 'conntrack' });
});

test('a session ended elsewhere (revoked by the ecn command) is let go at the next counter read', async () => {
  const { sessionId } = await openSession();
  const g = gateway();
  await g.start();
  await store.updateSession(sessionId, (cur) => ({ ...cur, endedAt: deps.clock.now(), endCause: 'revoked' }));
  calls = [];
  await g.readCounters();
  expect(calls.some((c) => c.stdin.includes('delete element inet ecn_gateway clients_mac4'))).toBe(true);
});
