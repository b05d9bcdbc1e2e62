// Test helpers for the DNS filter: a real dnsmasq upstream on loopback, the `ecn dns` process,
// and a small DNS client (dns-packet encodes and decodes, independently of our codec).

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import dgram from 'node:dgram';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import * as dnsPacket from 'dns-packet';
import { cleanEnv, ECN_BIN } from './processes';
import { freePort } from './redis-server';
import { waitFor } from './wait-for';

export interface RunningProcess {
  port: number;
  /** `ecn dns` only: its own /metrics. */
  metricsUrl?: string;
  /** `ecn dns` only: the category lookup the portal asks (block page). */
  lookupUrl?: string;
  child: ChildProcess;
  logs: () => string;
  stop(): Promise<void>;
}

function stopper(child: ChildProcess, cleanup: () => void = () => {}): () => Promise<void> {
  return async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(t);
    }
    cleanup();
  };
}

export function requireBinary(bin: string): string {
  const found = spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' });
  const p = found.stdout.trim();
  if (found.status !== 0 || !p)
    throw new Error(`${bin} is not installed: run \`bash scripts/test.sh\` as root.`);
  return p;
}

/**
 * dnsmasq on a free loopback port, with no upstream: it answers only the given records, and the
 * given CNAMEs (alias → target; dnsmasq answers them only for a target it has a record of).
 */
export async function startDnsmasq(
  records: Record<string, string>,
  cnames: Record<string, string> = {},
): Promise<RunningProcess> {
  const bin = requireBinary('dnsmasq');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ecn-dnsmasq-'));
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const conf = path.join(dir, 'dnsmasq.conf');
    writeFileSync(
      conf,
      [
        `port=${port}`,
        'listen-address=127.0.0.1',
        'bind-interfaces',
        'no-resolv',
        'no-hosts',
        'no-poll',
        'cache-size=10000',
        ...Object.entries(records).map(([name, ip]) => `host-record=${name},${ip}`),
        ...Object.entries(cnames).map(([alias, target]) => `cname=${alias},${target}`),
        '',
      ].join('\n'),
    );
    const child = spawn(bin, ['-C', conf, '-k', '--pid-file=', '--log-facility=-'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    const ready = await waitUntil(
      async () =>
        (await query(port, 'ecn-probe.invalid', 'A', { timeoutMs: 200 }).catch(() => null)) !== null,
      5000,
      child,
    );
    if (ready)
      return {
        port,
        child,
        logs: () => out,
        stop: stopper(child, () => rmSync(dir, { recursive: true, force: true })),
      };
    child.kill('SIGKILL');
  }
  throw new Error('could not start dnsmasq');
}

async function waitUntil(check: () => Promise<boolean>, ms: number, child: ChildProcess): Promise<boolean> {
  return waitFor(check, {
    what: 'dnsmasq answers',
    timeout: ms,
    failIf: () => (child.exitCode !== null ? 'dnsmasq exited' : null),
  }).catch(() => false);
}

/** `ecn dns` as a real process; resolves once it logs the address it listens on. */
export function startEcnDns(config: string, env: Record<string, string> = {}): Promise<RunningProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ECN_BIN, '--config', config, 'dns'], {
      env: cleanEnv({
        ECN_FILTER_METRICS_LISTEN: '127.0.0.1:0',
        ECN_FILTER_LOOKUP_LISTEN: '127.0.0.1:0',
        ECN_SPACE_TIMEZONE: 'UTC',
        ...env,
      }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`ecn dns did not start:\n${out}`));
    }, 20_000);
    child.stderr!.on('data', (d) => (out += d));
    child.stdout!.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.includes('ECN DNS started'));
      if (!line) return;
      clearTimeout(timer);
      const started = JSON.parse(line) as { listen: string; metrics: string; lookup: string };
      resolve({
        port: Number(started.listen.split(':').pop()),
        metricsUrl: `http://${started.metrics}/metrics`,
        lookupUrl: `http://${started.lookup}/v1/category`,
        child,
        logs: () => out,
        stop: stopper(child),
      });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`ecn dns exited with ${code}:\n${out}`));
    });
  });
}

/** dns-packet decodes the RCODE too; its type definitions omit it. */
export type Reply = dnsPacket.Packet & { rcode: string };

export interface QueryOptions {
  tcp?: boolean;
  timeoutMs?: number;
  edns?: boolean;
}

/** One query over UDP or TCP to 127.0.0.1:port, decoded by dns-packet. */
export function query(
  port: number,
  name: string,
  type: dnsPacket.RecordType = 'A',
  opts: QueryOptions = {},
): Promise<Reply> {
  const packet = dnsPacket.encode({
    type: 'query',
    id: Math.floor(Math.random() * 65536),
    flags: dnsPacket.RECURSION_DESIRED,
    questions: [{ type, name }],
    additionals: opts.edns ? [{ type: 'OPT', name: '.', udpPayloadSize: 1232 } as never] : [],
  });
  return opts.tcp
    ? rawTcp(port, packet, opts.timeoutMs ?? 3000).then((b) => dnsPacket.decode(b) as unknown as Reply)
    : rawUdp(port, packet, opts.timeoutMs ?? 3000).then((b) => dnsPacket.decode(b) as unknown as Reply);
}

export function rawUdp(port: number, packet: Buffer, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const s = dgram.createSocket('udp4');
    const t = setTimeout(() => {
      s.close();
      reject(new Error('DNS query timed out'));
    }, timeoutMs);
    s.on('message', (m) => {
      clearTimeout(t);
      s.close();
      resolve(m);
    });
    s.on('error', (err) => {
      clearTimeout(t);
      s.close();
      reject(err);
    });
    s.send(packet, port, '127.0.0.1');
  });
}

export function rawTcp(port: number, packet: Buffer, timeoutMs: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1');
    let acc = Buffer.alloc(0);
    s.setTimeout(timeoutMs, () => {
      s.destroy();
      reject(new Error('DNS TCP query timed out'));
    });
    s.on('error', reject);
    s.on('connect', () => {
      const len = Buffer.alloc(2);
      len.writeUInt16BE(packet.length);
      s.write(Buffer.concat([len, packet]));
    });
    s.on('data', (d) => {
      acc = Buffer.concat([acc, d]);
      if (acc.length >= 2 && acc.length >= 2 + acc.readUInt16BE(0)) {
        s.destroy();
        resolve(acc.subarray(2, 2 + acc.readUInt16BE(0)));
      }
    });
  });
}

/** `dig` against the front-end; returns its stdout. */
export function dig(port: number, args: string[]): string {
  const r = spawnSync(
    requireBinary('dig'),
    ['-p', String(port), '@127.0.0.1', '+time=3', '+tries=1', ...args],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`dig failed: ${r.stderr}${r.stdout}`);
  return r.stdout;
}

export const answerData = (p: dnsPacket.Packet): string[] =>
  (p.answers ?? []).map((a) => `${a.type} ${String((a as { data: unknown }).data)}`);
