// What `ecn setup` writes, as pure functions of the answers: the configuration keys, the base
// nftables file, the dnsmasq DHCP and resolver snippets, the Prometheus agent configuration.

import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import YAML from 'yaml';
import { ipv4Interface, toAddress, type Answers } from './answers';

export type Setting = [path: string[], value: unknown];

/** The portal's port on the box; residents' port 80 is redirected to it (no root needed). */
const PORTAL_PORT = 8080;
/** The caching resolver behind the filter (dnsmasq), on loopback only. */
export const RESOLVER_LISTEN = '127.0.0.1:5353';

/** The configuration keys the answers stand for. */
export function configSettings(a: Answers): Setting[] {
  const lan = ipv4Interface(a.lanAddress)!;
  const addr = lan.address;
  const s: Setting[] = [
    [['space', 'id'], a.spaceId],
    [['space', 'name'], a.spaceName],
    [['space', 'wifiName'], a.wifiSsid],
    [['gateway', 'portalAddress'], addr],
    [['gateway', 'clientPrefix'], lan.prefix],
    [['filter', 'listen'], `${addr}:53`],
    [['filter', 'upstream'], RESOLVER_LISTEN],
    [['filter', 'blockAddress'], addr],
    [['metrics', 'remoteWriteUrl'], a.remoteWriteUrl],
    [['portal', 'listen'], `${addr}:${PORTAL_PORT}`],
  ];
  switch (a.mode) {
    case 'router':
      s.push(
        [['gateway', 'kind'], 'nftables'],
        [['gateway', 'clientInterface'], a.lanIf],
        [['gateway', 'upstreamInterface'], a.wanIf],
        [['gateway', 'dnsAddress'], addr],
        [['gateway', 'dnsPort'], 53],
        [['portal', 'publicUrl'], `http://${addr}`],
      );
      break;
    case 'opennds':
    case 'chilli':
      s.push([['gateway', 'kind'], a.mode], [['portal', 'publicUrl'], `http://${addr}:${PORTAL_PORT}`]);
      if (a.mode === 'chilli') s.push([['radius', 'enabled'], true]);
      break;
    case 'access-points':
      s.push(
        [['gateway', 'kind'], 'none'],
        [['portal', 'publicUrl'], `http://${addr}:${PORTAL_PORT}`],
        [['radius', 'enabled'], true],
        [['radius', 'authListen'], `${addr}:1812`],
        [['radius', 'acctListen'], `${addr}:1813`],
      );
      break;
  }
  return s;
}

/** A secret the mode needs and the configuration does not hold yet: made here, once. */
export interface GeneratedSecret {
  path: string[];
  gear: string;
}

export function neededSecret(mode: Answers['mode']): GeneratedSecret | null {
  if (mode === 'opennds') return { path: ['gateway', 'opennds', 'faskey'], gear: 'openNDS (option faskey)' };
  if (mode === 'chilli') return { path: ['gateway', 'chilli', 'uamSecret'], gear: 'CoovaChilli (uamsecret)' };
  return null;
}

export const newSecret = (): string => randomBytes(24).toString('hex');

/**
 * The configuration file's new text. Keys the person did not change keep their place, comments
 * and hand-made edits: a derived key is written only when its answer changed (or it is absent).
 */
export function renderConfig(
  currentText: string | null,
  settings: Setting[],
  previous: Setting[] | null,
  extra: Setting[],
): string {
  const doc =
    currentText === null
      ? YAML.parseDocument(
          '# ECN gateway configuration, written by `ecn setup` (every key: docs/configuration.md).\n' +
            '# Run `ecn setup` again to change the answers; other keys may be edited by hand.\n',
        )
      : YAML.parseDocument(currentText);
  if (currentText === null) doc.contents = doc.createNode({ dataDir: '/var/lib/ecn' }) as never;
  const before = new Map((previous ?? []).map(([p, v]) => [p.join('.'), v]));
  for (const [path, value] of [...settings, ...extra]) {
    const present = doc.hasIn(path);
    const key = path.join('.');
    if (present && before.has(key) && isDeepStrictEqual(before.get(key), value)) continue;
    if (present && isDeepStrictEqual(doc.getIn(path), value)) continue;
    doc.setIn(path, value);
  }
  return doc.toString();
}

/** The base firewall (Debian's /etc/nftables.conf), from deploy/nftables/nftables.conf. */
export function renderNftables(a: Answers): string {
  const ssh = a.adminNet
    ? `\t\tiifname $WAN ip saddr ${a.adminNet} tcp dport 22 accept`
    : '\t\tiifname $WAN tcp dport 22 accept';
  return `#!/usr/sbin/nft -f
# Base firewall of the ECN box ${a.spaceId}, written by \`ecn setup\` (run it again to change it).
# It protects the box and decides what may be routed at all. Who is let through is decided by
# the ECN gateway in its own table, \`inet ecn_gateway\`, which it rewrites at every start: this
# file never touches that table and never uses \`flush ruleset\`, so a reload keeps residents.

define WIFI = "${a.lanIf}"
define WAN = "${a.wanIf}"

table inet filter
delete table inet filter

table inet filter {
\tchain input {
\t\ttype filter hook input priority filter; policy drop;
\t\tct state established,related accept
\t\tct state invalid drop
\t\tiifname "lo" accept
\t\tmeta l4proto { icmp, ipv6-icmp } accept
\t\t# Residents' side: portal, DNS, DHCP; the gateway's own table narrows this further.
\t\tiifname $WIFI accept
\t\t# Administration (SSH) from the upstream side${a.adminNet ? ` only from ${a.adminNet}` : ''}.
${ssh}
\t}

\tchain forward {
\t\ttype filter hook forward priority filter; policy drop;
\t\tct state established,related accept
\t\t# Residents towards the Internet; the gateway's table rejects captive clients first.
\t\tiifname $WIFI oifname $WAN accept
\t}

\tchain output {
\t\ttype filter hook output priority filter; policy accept;
\t}
}
`;
}

/** The SSH network of an nftables file this command wrote; null when it cannot be read. */
export function adminNetOf(nftText: string | null): string | null {
  if (nftText === null) return null;
  const m = /^\s*iifname \$WAN (?:ip saddr (\S+) )?tcp dport 22 accept\s*$/m.exec(nftText);
  return m ? (m[1] ?? '') : null;
}

/** The residents' DHCP range: a few addresses kept below for fixed gear, a few above. */
export function dhcpRange(lanAddress: string): { first: string; last: string; netmask: string } {
  const lan = ipv4Interface(lanAddress)!;
  const size = lan.broadcast - lan.network;
  const low = size > 64 ? 20 : 2;
  const high = size > 64 ? 5 : 1;
  const mask = (0xffffffff << (32 - lan.prefix)) >>> 0;
  return {
    first: toAddress(lan.network + low),
    last: toAddress(lan.broadcast - high),
    netmask: toAddress(mask),
  };
}

/** dnsmasq's DHCP on the residents' side, with RFC 8910 option 114 at the URL the box serves. */
export function renderDhcp(a: Answers, captiveApiUrl: string): string {
  const addr = ipv4Interface(a.lanAddress)!.address;
  const r = dhcpRange(a.lanAddress);
  return `# dnsmasq: DHCP for the residents of ${a.spaceId}, written by \`ecn setup\`.
# Only the residents' side; never answer DHCP upstream.
interface=${a.lanIf}
bind-interfaces
except-interface=${a.wanIf}

dhcp-range=${a.lanIf},${r.first},${r.last},${r.netmask},2h
dhcp-option=${a.lanIf},option:router,${addr}
# The box's filtering resolver (the gateway redirects residents' DNS to it whatever they ask).
dhcp-option=${a.lanIf},option:dns-server,${addr}
dhcp-authoritative

# RFC 8910 option 114: where devices find the RFC 8908 Captive Portal API of this box.
dhcp-option=${a.lanIf},114,"${captiveApiUrl}"
`;
}

/** dnsmasq as the caching resolver behind the filter: loopback only, no lists. */
export function renderResolver(): string {
  const [host, port] = RESOLVER_LISTEN.split(':');
  return `# dnsmasq: the caching resolver that the ECN DNS filter (ecn dns) asks for what it does not
# block (filter.upstream = ${RESOLVER_LISTEN}), written by \`ecn setup\`. Residents never reach it.
port=${port}
listen-address=${host}
domain-needed
bogus-priv
no-resolv
server=9.9.9.9
server=149.112.112.112
cache-size=10000
`;
}

/** The box's Prometheus agent (deploy/prometheus/agent.yml) with the space and the city's URL. */
export function renderAgent(a: Answers): string {
  return `# Prometheus in agent mode on the box ${a.spaceId}, written by \`ecn setup\`: scrapes the gateway
# and the DNS filter on loopback and pushes to the city (deploy/prometheus/agent.yml).
# The city gives each box its password: put it in /etc/ecn/city-remote-write.password.
global:
  scrape_interval: 30s
  external_labels:
    space_id: ${a.spaceId}

scrape_configs:
  - job_name: ecn-gateway
    static_configs:
      - targets: ['127.0.0.1:9464']
        labels:
          instance: ${a.spaceId}
  - job_name: ecn-dns
    static_configs:
      - targets: ['127.0.0.1:9465']
        labels:
          instance: ${a.spaceId}

remote_write:
  - url: ${JSON.stringify(a.remoteWriteUrl)}
    basic_auth:
      username: ${a.spaceId}
      password_file: /etc/ecn/city-remote-write.password
    queue_config:
      max_backoff: 5m
`;
}
