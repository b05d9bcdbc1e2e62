// The `filter` section: the filtering DNS front-end (`ecn dns`), its lists and forced SafeSearch.

import { isIPv4, isIPv6 } from 'node:net';
import { z } from 'zod';
import { parseListen } from '../units';
import { listen, withType } from './fields';

const domainName = z.string().min(1).max(300).describe('A domain name; it covers its subdomains.');

const engineSwitch = z.boolean().default(true);

const safeSearchObject = z.object({
  google: engineSwitch.describe('Google: forcesafesearch.google.com.'),
  youtube: z
    .enum(['off', 'moderate', 'strict'])
    .default('moderate')
    .describe('YouTube: restrictmoderate.youtube.com or restrict.youtube.com.'),
  bing: engineSwitch.describe('Bing: strict.bing.com.'),
  duckduckgo: engineSwitch.describe('DuckDuckGo: safe.duckduckgo.com.'),
});

const ON_OFF: Record<string, boolean> = {
  on: true,
  true: true,
  yes: true,
  off: false,
  false: false,
  no: false,
};

export const safeSearchSchema = withType(
  z.preprocess(
    (v) => {
      // Environment values arrive as text: on/off, or JSON for per-engine settings.
      if (typeof v === 'string') {
        const t = v.trim().toLowerCase();
        if (t in ON_OFF) return ON_OFF[t];
        try {
          return JSON.parse(v) as unknown;
        } catch {
          return v;
        }
      }
      return v;
    },
    z
      .union([z.boolean(), safeSearchObject])
      .transform((v) =>
        typeof v === 'boolean'
          ? { google: v, youtube: v ? ('moderate' as const) : ('off' as const), bing: v, duckduckgo: v }
          : v,
      ),
  ),
  'on/off or per engine',
);

const filterSourceSchema = z.object({
  kind: z.enum(['ut1', 'list']).describe('`ut1`: UT1 folder or tarball; `list`: one list file.'),
  path: z
    .string()
    .default('')
    .describe('Local file or folder; relative to dataDir. Ignored when `url` is set.'),
  url: z
    .string()
    .regex(/^(https?:\/\/.+)?$/, 'expected an http(s) URL')
    .default('')
    .describe(
      'Download from here on `ecn filter update`; a failed or truncated download keeps the previous table.',
    ),
  category: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/)
    .default('custom-list')
    .describe('Category of a `list` source.'),
  format: z
    .enum(['auto', 'plain', 'hosts', 'adblock'])
    .default('auto')
    .describe('Format of a `list` source: plain names, hosts file or adblock `||name^` lines.'),
});

const categoryName = z.string().regex(/^[a-z0-9_-]{1,40}$/, 'a category name such as "adult"');

export const filterSchema = z
  .object({
    listen: listen(
      '127.0.0.1:5353',
      'Address of the filtering DNS front-end (`ecn dns`); on a box the Wi-Fi address, port 53.',
    ),
    listen6: withType(
      z
        .string()
        .refine((s) => s === '' || (parseListen(s) !== null && isIPv6(parseListen(s)!.host)), {
          message: 'expected "[IPv6]:port", e.g. "[fd00:ec::1]:53", or empty',
        })
        .default('')
        .describe(
          "A second, IPv6 address of the DNS front-end (UDP and TCP), e.g. the box's IPv6 address on the Wi-Fi, port 53; the gateway redirects clients' IPv6 DNS there (`gateway.dnsAddress6`). Empty: IPv4 only.",
        ),
      '[host]:port',
    ),
    metricsListen: listen(
      '127.0.0.1:9465',
      "Address of the DNS process's own `/metrics` (it runs apart from the service); loopback for the box's own agent, or an address on the city's network when the city scrapes the box (deploy/README.md). Uses `metrics.token`.",
    ),
    lookupListen: withType(
      z
        .string()
        .refine((s) => parseListen(s) !== null, {
          message: 'expected "host:port", e.g. "127.0.0.1:9466"',
        })
        .refine((s) => /^(127\.|\[::1\]:)/.test(s), { message: 'must be a loopback address' })
        .default('127.0.0.1:9466')
        .describe(
          'Loopback address where the DNS process answers the portal\'s question "which category blocks this name?" (for the block page); loopback only.',
        ),
      'host:port',
    ),
    upstream: listen(
      '127.0.0.1:53',
      'The local caching resolver (Unbound or dnsmasq, no lists) that answers what is not filtered.',
    ),
    upstreamTimeout: z
      .number()
      .int()
      .min(100)
      .max(10000)
      .default(1500)
      .describe('Milliseconds to wait for the upstream resolver before answering SERVFAIL.'),
    tcpMaxConnections: z
      .number()
      .int()
      .min(1)
      .max(65_535)
      .default(256)
      .describe('DNS-over-TCP connections open at once, all clients together; one more is refused.'),
    tcpPerSource: z
      .number()
      .int()
      .min(1)
      .max(1024)
      .default(8)
      .describe(
        'DNS-over-TCP connections one client address may hold open at once; one more is refused, so one client cannot take every connection.',
      ),
    tcpMessageTimeout: z
      .number()
      .int()
      .min(200)
      .max(60_000)
      .default(5000)
      .describe(
        'Milliseconds a DNS-over-TCP client has to send each whole message (from the connection or its previous message); a connection that sends nothing or trickles bytes is closed then.',
      ),
    cacheSize: z
      .number()
      .int()
      .min(0)
      .max(1_000_000)
      .default(10_000)
      .describe(
        'Answers of the upstream kept in memory (TTLs counted down; never on disk, no client recorded); 0 turns the cache off.',
      ),
    categories: z
      .array(categoryName)
      .max(31)
      .default(['adult', 'malware', 'phishing', 'cryptojacking', 'stalkerware', 'doh'])
      .describe(
        'Categories blocked in this space (UT1 folder names, or `list` source categories). `doh` (DNS-over-HTTPS resolvers) is blocked by default: a browser set to use one would otherwise skip the filter.',
      ),
    allowCategories: z
      .array(categoryName)
      .max(31)
      .default([])
      .describe('Categories whose names are always allowed (UT1 lists with `white` usage).'),
    safeSearch: safeSearchSchema
      .prefault(true)
      .describe(
        'Forced SafeSearch: true/false for every engine, or per engine { google, youtube, bing, duckduckgo }.',
      ),
    allow: z
      .array(domainName)
      .default([])
      .describe('Names this space always allows, with their subdomains; they win over every category.'),
    block: z
      .array(domainName)
      .default([])
      .describe('Names this space blocks, with their subdomains (category `custom`).'),
    sources: z
      .array(filterSourceSchema)
      .default([{ kind: 'ut1', path: 'lists/ut1', url: '', category: 'custom-list', format: 'auto' }])
      .describe('Where `ecn filter update` reads the lists from.'),
    table: z.string().default('').describe('Compiled table file; empty means `filter/table.bin` in dataDir.'),
    blockAddress: z
      .string()
      .refine((s) => isIPv4(s), 'expected an IPv4 address')
      .default('127.0.0.1')
      .describe("Portal's IPv4 address, the answer for blocked names (the block page)."),
    blockAddress6: z
      .string()
      .refine((s) => s === '' || isIPv6(s), 'expected an IPv6 address or empty')
      .default('')
      .describe("Portal's IPv6 address for blocked names; empty answers AAAA with no data."),
    blockTtl: z.number().int().min(0).max(86400).default(60).describe('TTL in seconds of blocked answers.'),
  })
  .prefault({})
  .describe('Content filter: the DNS front-end (`ecn dns`) and its lists.');
