// The questions `ecn setup` asks, their flags, their defaults (the current configuration on a
// re-run) and their checks. Every check that the configuration schema can make is made by it.

import { isIPv4 } from 'node:net';
import { configSchema } from '../../config/schema';
import { parseCidr } from '../../config/units';
import type { FrozenConfig } from '../../config/load';
import type { SetupMessageKey } from './messages';

export const SETUP_MODES = ['router', 'opennds', 'chilli', 'access-points'] as const;
export type SetupMode = (typeof SETUP_MODES)[number];

export interface Answers {
  mode: SetupMode;
  spaceId: string;
  spaceName: string;
  wifiSsid: string;
  lanIf: string;
  wanIf: string;
  /** The box's IPv4 address with the prefix of its network, e.g. 10.42.0.1/24. */
  lanAddress: string;
  /** Who may reach SSH from the upstream side; empty: any address. */
  adminNet: string;
  /** Empty: none yet. */
  remoteWriteUrl: string;
}
export type AnswerKey = keyof Answers;

export interface Question {
  key: AnswerKey;
  /** The flag, as typed: `--space-id`. */
  flag: string;
  prompt: (a: Partial<Answers>) => SetupMessageKey;
  /** Asked only when this holds for the answers so far. */
  when: (a: Partial<Answers>) => boolean;
  /** Words standing for the empty answer, e.g. « tous » (any language). */
  emptyWords?: readonly string[];
}

const always = () => true;
const routerOnly = (a: Partial<Answers>) => a.mode === 'router';

export const QUESTIONS: readonly Question[] = [
  { key: 'mode', flag: '--mode', prompt: () => 'q.mode', when: always },
  { key: 'spaceId', flag: '--space-id', prompt: () => 'q.spaceId', when: always },
  { key: 'spaceName', flag: '--space-name', prompt: () => 'q.spaceName', when: always },
  { key: 'wifiSsid', flag: '--wifi-ssid', prompt: () => 'q.wifiSsid', when: always },
  { key: 'lanIf', flag: '--lan-if', prompt: () => 'q.lanIf', when: routerOnly },
  { key: 'wanIf', flag: '--wan-if', prompt: () => 'q.wanIf', when: routerOnly },
  {
    key: 'lanAddress',
    flag: '--lan-address',
    prompt: (a) => (a.mode === 'router' ? 'q.lanAddress' : 'q.lanAddressBehind'),
    when: always,
  },
  {
    key: 'adminNet',
    flag: '--admin-net',
    prompt: () => 'q.adminNet',
    when: routerOnly,
    emptyWords: ['tous', 'all'],
  },
  {
    key: 'remoteWriteUrl',
    flag: '--remote-write-url',
    prompt: () => 'q.remoteWriteUrl',
    when: always,
    emptyWords: ['aucune', 'aucun', 'none'],
  },
];

/** Keys whose empty answer is a real answer (nothing), not a missing one. */
const MAY_BE_EMPTY: ReadonlySet<AnswerKey> = new Set(['wifiSsid', 'adminNet', 'remoteWriteUrl']);

export function mayBeEmpty(key: AnswerKey): boolean {
  return MAY_BE_EMPTY.has(key);
}

/** Where each answer lands in the configuration, for the schema's own checks. */
const SCHEMA_PATH: Partial<Record<AnswerKey, string[]>> = {
  spaceId: ['space', 'id'],
  spaceName: ['space', 'name'],
  wifiSsid: ['space', 'wifiName'],
  lanIf: ['gateway', 'clientInterface'],
  wanIf: ['gateway', 'upstreamInterface'],
  remoteWriteUrl: ['metrics', 'remoteWriteUrl'],
};

/**
 * The schema's default space id, which the package's shipped configuration keeps: a box whose
 * configuration still says it was never set up, and is offered the fresh defaults.
 */
export const UNSET_SPACE_ID = 'roubaix-demo';

/** What a fresh box is offered; an empty string means "no default: answer it". */
const FRESH: Answers = {
  mode: 'router',
  spaceId: '',
  spaceName: '',
  wifiSsid: '',
  lanIf: 'wlan0',
  wanIf: 'eth0',
  lanAddress: '10.42.0.1/24',
  adminNet: '',
  remoteWriteUrl: '',
};

/** The answers the current configuration (and base firewall) stand for, offered as defaults. */
export function answersFromConfig(cfg: FrozenConfig | null, adminNet: string | null): Answers {
  if (cfg === null) return { ...FRESH };
  const g = cfg.gateway;
  const mode: SetupMode =
    g.kind === 'nftables'
      ? 'router'
      : g.kind === 'opennds' || g.kind === 'chilli'
        ? g.kind
        : cfg.radius.enabled
          ? 'access-points'
          : 'router';
  return {
    mode,
    spaceId: cfg.space.id,
    spaceName: cfg.space.name,
    wifiSsid: cfg.space.wifiName,
    lanIf: g.clientInterface || FRESH.lanIf,
    wanIf: g.upstreamInterface || FRESH.wanIf,
    lanAddress: g.portalAddress ? `${g.portalAddress}/${g.clientPrefix}` : FRESH.lanAddress,
    adminNet: adminNet ?? '',
    remoteWriteUrl: cfg.metrics.remoteWriteUrl,
  };
}

export interface Refusal {
  key: SetupMessageKey;
  vars: Record<string, string>;
}

/** Null when `value` is a good answer to `key` given the answers before it; else why not. */
export function checkAnswer(key: AnswerKey, value: string, before: Partial<Answers>): Refusal | null {
  const refuse = (k: SetupMessageKey): Refusal => ({ key: k, vars: { value } });
  switch (key) {
    case 'mode':
      return (SETUP_MODES as readonly string[]).includes(value) ? null : refuse('bad.mode');
    case 'lanAddress':
      return ipv4Interface(value) === null ? refuse('bad.lanAddress') : null;
    case 'adminNet': {
      if (value === '') return null;
      const block = parseCidr(value);
      return block === null || block.family !== 4 ? refuse('bad.adminNet') : null;
    }
    default: {
      if (!mayBeEmpty(key) && value === '') return refuse(`bad.${key}`);
      if (schemaRefuses(SCHEMA_PATH[key]!, value)) return refuse(`bad.${key}`);
      if (key === 'wanIf' && value === before.lanIf) return refuse('bad.sameIf');
      return null;
    }
  }
}

/** Whether the configuration schema refuses `value` at `path` (other keys at their defaults). */
function schemaRefuses(path: string[], value: string): boolean {
  const raw: Record<string, unknown> = {};
  let cur = raw;
  for (const p of path.slice(0, -1)) cur = cur[p] = {} as Record<string, unknown>;
  cur[path[path.length - 1]!] = value;
  const parsed = configSchema.safeParse(raw);
  return !parsed.success && parsed.error.issues.some((i) => i.path.join('.') === path.join('.'));
}

export interface Ipv4Interface {
  address: string;
  prefix: number;
  network: number;
  broadcast: number;
}

/** 10.42.0.1/24 read as a host address on its network; null if not such an address. */
export function ipv4Interface(cidr: string): Ipv4Interface | null {
  const block = parseCidr(cidr);
  if (block === null || block.family !== 4 || !cidr.includes('/')) return null;
  if (block.prefix < 8 || block.prefix > 29 || !isIPv4(block.address)) return null;
  const n = toNumber(block.address);
  const mask = block.prefix === 0 ? 0 : (0xffffffff << (32 - block.prefix)) >>> 0;
  const network = (n & mask) >>> 0;
  const broadcast = (network | (~mask >>> 0)) >>> 0;
  if (n === network || n === broadcast) return null;
  return { address: block.address, prefix: block.prefix, network, broadcast };
}

export function toNumber(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

export function toAddress(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}
