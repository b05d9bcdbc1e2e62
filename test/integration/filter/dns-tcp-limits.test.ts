// DNS over TCP under a greedy or slow client, against the real `ecn dns` process and a real
// dnsmasq upstream, on loopback only: one address holding many connections cannot keep another
// address out, and a connection that trickles bytes is closed at its message deadline.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import * as dnsPacket from 'dns-packet';
import { dig, startDnsmasq, startEcnDns, type RunningProcess } from '../../helpers/dns';
import { waitFor } from '../../helpers/wait-for';

jest.setTimeout(60_000);

let dir: string;
let upstream: RunningProcess;
const fronts: RunningProcess[] = [];

async function front(name: string, tcp: string): Promise<RunningProcess> {
  const file = path.join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    `dataDir: ${JSON.stringify(path.join(dir, name))}
log: { level: info }
filter:
  listen: 127.0.0.1:0
  upstream: 127.0.0.1:${upstream.port}
  upstreamTimeout: 400
  sources: []
  categories: []
  block: [blocked.example]
  blockAddress: 10.42.0.1
${tcp}
`,
  );
  const f = await startEcnDns(file);
  fronts.push(f);
  return f;
}

async function refusals(f: RunningProcess, reason: string): Promise<number> {
  const text = await (await fetch(f.metricsUrl!)).text();
  const m = new RegExp(`^ecn_dns_tcp_refused_total\\{reason="${reason}",[^}]*\\} (\\d+)`, 'm').exec(text);
  return m ? Number(m[1]) : 0;
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  await waitFor(check, { what, timeout: ms, interval: 25 });
}

/** A TCP connection from `localAddress` that tells whether (and when) the server closed it. */
function open(port: number, localAddress: string) {
  const s = net.connect({ port, host: '127.0.0.1', localAddress });
  const state = { connected: false, closedAt: 0, data: Buffer.alloc(0), socket: s };
  s.on('connect', () => (state.connected = true));
  s.on('data', (d) => (state.data = Buffer.concat([state.data, d])));
  s.on('error', () => {});
  s.on('close', () => (state.closedAt = Date.now()));
  return state;
}

function framed(name: string): Buffer {
  const q = dnsPacket.encode({
    type: 'query',
    id: 7,
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ type: 'A', name }],
  });
  const head = Buffer.alloc(2);
  head.writeUInt16BE(q.length);
  return Buffer.concat([head, q]);
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-dns-tcp-'));
  upstream = await startDnsmasq({ 'allowed.example': '192.0.2.10' });
});

afterAll(async () => {
  for (const f of fronts) await f.stop();
  await upstream?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it('one address opening 300 slow connections keeps 4; another address is still answered over TCP', async () => {
  const f = await front('greedy', '  tcpPerSource: 4\n  tcpMessageTimeout: 20000');
  // 127.0.0.1 opens more connections than the whole server used to hold (256), each sending one
  // byte of a length prefix and nothing more.
  const greedy = Array.from({ length: 300 }, () => open(f.port, '127.0.0.1'));
  await until('every connection accepted or refused', () =>
    greedy.every((c) => c.closedAt > 0 || c.connected),
  );
  for (const c of greedy) if (c.closedAt === 0) c.socket.write(Buffer.from([0]));
  // Another address (a second device) is answered at once, over TCP, while they are held.
  expect(dig(f.port, ['+short', '+tcp', '-b', '127.0.0.2', 'allowed.example', 'A']).trim()).toBe(
    '192.0.2.10',
  );
  expect(dig(f.port, ['+short', '+tcp', '-b', '127.0.0.2', 'blocked.example', 'A']).trim()).toBe('10.42.0.1');
  // The greedy address holds 4; the rest were refused at once and counted.
  await until('all but 4 refused', async () => (await refusals(f, 'per_source')) === 296);
  await until(
    'the refused ones see their connection closed',
    () => greedy.filter((c) => c.closedAt === 0).length === 4,
  );
  // The greedy address itself gets a connection back as soon as it lets one go.
  greedy.find((c) => c.closedAt === 0)!.socket.destroy();
  await until('a slot freed', () => greedy.filter((c) => c.closedAt === 0).length === 3);
  expect(dig(f.port, ['+short', '+tcp', '-b', '127.0.0.1', 'allowed.example', 'A']).trim()).toBe(
    '192.0.2.10',
  );
  for (const c of greedy) c.socket.destroy();
});

it('closes a connection that trickles a message byte by byte at its deadline, unanswered', async () => {
  const f = await front('slow', '  tcpMessageTimeout: 1000');
  const msg = framed('allowed.example');
  const slow = open(f.port, '127.0.0.3');
  await until('connected', () => slow.connected);
  const started = Date.now();
  let sent = 0;
  // One byte every 100 ms: each byte would push back a plain idle timeout forever.
  const drip = setInterval(() => {
    if (slow.closedAt === 0 && sent < msg.length) slow.socket.write(msg.subarray(sent, ++sent));
  }, 100);
  try {
    await until('closed by the server', () => slow.closedAt > 0, 8000);
  } finally {
    clearInterval(drip);
  }
  expect(sent).toBeLessThan(msg.length); // closed before the message was whole
  expect(slow.data.length).toBe(0);
  expect(slow.closedAt - started).toBeGreaterThanOrEqual(900);
  expect(slow.closedAt - started).toBeLessThan(3000);
  // A connection that sends nothing is closed too; both counted.
  const silent = open(f.port, '127.0.0.3');
  await until('silent one closed', () => silent.closedAt > 0, 5000);
  expect(await refusals(f, 'deadline')).toBe(2);
  // A client that sends whole messages in time is answered, twice on one connection.
  const quick = open(f.port, '127.0.0.3');
  quick.socket.write(Buffer.concat([framed('allowed.example'), framed('blocked.example')]));
  await until('two answers', () => quick.data.length > 4 && countFrames(quick.data) === 2);
  quick.socket.destroy();
});

function countFrames(buf: Buffer): number {
  let n = 0;
  for (let off = 0; off + 2 <= buf.length; off += 2 + buf.readUInt16BE(off)) {
    if (off + 2 + buf.readUInt16BE(off) > buf.length) break;
    n++;
  }
  return n;
}

it('refuses a connection over the total cap, counts it, and takes one again once a slot is free', async () => {
  const f = await front('total', '  tcpMaxConnections: 3');
  const held = ['127.0.0.4', '127.0.0.5', '127.0.0.6'].map((a) => open(f.port, a));
  await until('three held', () => held.every((c) => c.connected));
  // Wait until the server has taken all three, then a fourth address is refused.
  const extra = open(f.port, '127.0.0.7');
  await until('the fourth refused', async () => (await refusals(f, 'total')) === 1 && extra.closedAt > 0);
  expect(held.every((c) => c.closedAt === 0)).toBe(true);
  held[0]!.socket.destroy();
  await until('a slot freed', async () => {
    try {
      return (
        dig(f.port, ['+short', '+tcp', '-b', '127.0.0.7', 'allowed.example', 'A']).trim() === '192.0.2.10'
      );
    } catch {
      return false;
    }
  });
  for (const c of held) c.socket.destroy();
});
