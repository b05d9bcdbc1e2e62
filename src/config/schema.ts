// The one configuration schema: every key, its default and its description. Environment
// overrides (ECN_*) and docs/configuration.md are derived from it.

import { isIPv4, isIPv6 } from 'node:net';
import { z } from 'zod';
import { isTimeZone } from '../stats/local-time';
import { isEcnError } from '../domain/errors';
import { LANGUAGES } from '../domain/languages';
import {
  WEEKDAYS,
  parseClosure,
  parseWeek,
  type OpeningHoursText,
  type Weekday,
} from '../domain/opening-hours';
import { isWildcardHost, parseCidr, parseDuration, parseListen, parseRate, parseSize } from './units';
import { parseInstant } from './profile-values';
import { isIpv4, isIpv6 } from '../domain/device';
import { MIN_BLOCK_SIZE, MIN_FIRST_PORT, planProblem } from '../gateway/nftables/port-blocks';
import { buildProfileSchema } from './profile-schema';
import { DEFAULT_NAS_KIND, NAS_KINDS, nasKindsText } from '../access-points';

/** Documentation metadata the reference generator reads (the type shown to operators). */
export const docMeta = z.registry<{ type: string }>();

function withType<T extends z.ZodType>(schema: T, type: string): T {
  docMeta.add(schema, { type });
  return schema;
}

/** The law's year: connection records are kept one year (CPCE R10-13), so what names them is too. */
export const LEGAL_FLOOR_DAYS = 365;
/** Sessions go no sooner than a month after they ended (console history, late accounting). */
export const SESSIONS_FLOOR_DAYS = 31;

const listen = (def: string, what: string) =>
  withType(
    z
      .string()
      .refine((s) => parseListen(s) !== null, {
        message: 'expected "host:port", e.g. "127.0.0.1:8080" or "[::1]:8080"',
      })
      .default(def)
      .describe(what),
    'host:port',
  );

/** A certificate and its key (PEM files), both or neither (issue #16, item 6). */
const tlsFiles = (what: string) =>
  z
    .object({
      cert: z
        .string()
        .max(4096)
        .default('')
        .describe(
          `PEM certificate file ${what} (\`ecn tls create\` makes a self-signed one); empty: plain http.`,
        ),
      key: z
        .string()
        .max(4096)
        .default('')
        .describe(
          'PEM private key file of that certificate, unencrypted, readable by the service only (0600).',
        ),
    })
    .prefault({})
    .describe(
      `https ${what}: a certificate and its key, checked at start (readable, matching, not expired).`,
    );

const duration = withType(
  z.union([z.number(), z.string()]).transform((v, ctx) => {
    const s = parseDuration(v);
    if (s === null) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected a duration such as "45m", "1h", "1d" or a number of seconds',
      });
      return z.NEVER;
    }
    return s;
  }),
  'duration',
);

const size = withType(
  z.union([z.number(), z.string()]).transform((v, ctx) => {
    const b = parseSize(v);
    if (b === null) {
      ctx.addIssue({ code: 'custom', message: 'expected a size such as "500MB" or "2GiB"' });
      return z.NEVER;
    }
    return b;
  }),
  'size',
);

const rate = withType(
  z.union([z.number(), z.string()]).transform((v, ctx) => {
    const r = parseRate(v);
    if (r === null) {
      ctx.addIssue({ code: 'custom', message: 'expected a rate such as "512kbit" or "2Mbit"' });
      return z.NEVER;
    }
    return r;
  }),
  'rate',
);

const instant = withType(
  z.string().transform((v, ctx) => {
    const t = parseInstant(v);
    if (t === null) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected an ISO-8601 date, e.g. "2026-12-01" or "2026-12-01T18:00:00+01:00"',
      });
      return z.NEVER;
    }
    return t;
  }),
  'date',
);

const colour = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour such as "#1d4e89"');

/** A ticket profile: its name and label, and one key per limit of domain/profile-fields.ts. */
export const profileSchema = buildProfileSchema({
  duration,
  bytes: size,
  rate,
  instant: instant as z.ZodType<number, string | number>,
});

// RADIUS server (issue 4): the access points (NAS) that may ask, and how we answer them.
export const radiusClientSchema = z.object({
  name: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, 'letters, digits, dots, dashes, underscores; at most 32')
    .describe('Name of the access point, used in logs and metrics, e.g. `ap-salle-1`.'),
  address: z
    .string()
    .refine((s) => parseCidr(s) !== null, {
      message: 'expected an IP address or a CIDR block, e.g. "10.42.0.0/24"',
    })
    .describe('Source address of its RADIUS packets: one IP address or a CIDR block.'),
  secret: z
    .string()
    .min(8, 'a shared secret needs at least 8 characters (16 or more recommended)')
    .max(128)
    .describe('Shared secret, also set on the access point; never logged.'),
  kind: z
    .enum(NAS_KINDS)
    .default(DEFAULT_NAS_KIND)
    .describe(`Which vendor attributes to answer with (bandwidth, quota): ${nasKindsText()}.`),
  requireMessageAuthenticator: z
    .boolean()
    .default(true)
    .describe('Drop Access-Requests without a valid Message-Authenticator (BlastRADIUS mitigation).'),
  coaPort: z
    .number()
    .int()
    .min(1)
    .max(65535)
    .default(3799)
    .describe('UDP port where the access point listens for Disconnect-Request (RFC 5176).'),
});

const radiusSchema = z
  .object({
    enabled: z.boolean().default(false).describe('Run the RADIUS authentication and accounting servers.'),
    authListen: listen('127.0.0.1:1812', 'Address of the RADIUS authentication server.'),
    acctListen: listen('127.0.0.1:1813', 'Address of the RADIUS accounting server.'),
    clients: z
      .array(radiusClientSchema)
      .default([])
      .describe(
        'Access points allowed to use the RADIUS servers; packets from any other source are dropped.',
      ),
    interimInterval: duration
      .default(300)
      .describe('Acct-Interim-Interval sent to access points: how often they report traffic.'),
    duplicateWindow: duration
      .default(5)
      .describe('How long a reply is kept to answer a retransmitted request with the same bytes.'),
    replyLanguage: z
      .enum(LANGUAGES)
      .default('fr')
      .describe('Language of the Reply-Message in an Access-Reject.'),
    disconnectTimeout: duration
      .default(2)
      .describe('How long to wait for a Disconnect-ACK/NAK before retrying.'),
    disconnectRetries: z
      .number()
      .int()
      .min(0)
      .max(10)
      .default(3)
      .describe('How many times a Disconnect-Request is sent again when the access point does not answer.'),
    maxTries: z
      .number()
      .int()
      .min(1)
      .max(100)
      .default(5)
      .describe(
        'Wrong ticket codes (PAP or CHAP) one device (Calling-Station-Id) may send before its requests are rejected for a wait.',
      ),
    retryWait: duration
      .default(60)
      .describe(
        'First wait after too many wrong codes over RADIUS; it doubles with each further wrong code.',
      ),
    maxRetryWait: duration.default(3600).describe('Longest wait for a device after wrong codes over RADIUS.'),
    nasMaxTries: z
      .number()
      .int()
      .min(1)
      .max(10000)
      .default(30)
      .describe(
        'Wrong ticket codes one access point may relay, whatever the device, before all its PAP/CHAP requests wait; higher than `maxTries`, so one noisy device is stopped long before its access point.',
      ),
    nasTriesMemory: duration
      .default(60)
      .describe(
        "An access point's wrong-code count is forgotten after this long without a wrong code, so residents' everyday typos never add up to a wait.",
      ),
    nasMaxRetryWait: duration
      .default(300)
      .describe('Longest wait for an access point after wrong codes; it starts at `retryWait` and doubles.'),
  })
  .prefault({})
  .superRefine((r, ctx) => {
    const names = new Set<string>();
    r.clients.forEach((c, i) => {
      if (names.has(c.name))
        ctx.addIssue({
          code: 'custom',
          message: `duplicate client name "${c.name}"`,
          path: ['clients', i, 'name'],
        });
      names.add(c.name);
    });
  })
  .describe('RADIUS server for access points (UniFi, Omada, MikroTik, CoovaChilli, hostapd).');
// --- filter (content filter, DNS front-end) ---
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

/** Issue #15, item 1: one weekday's ranges, e.g. `['09:00-12:00', '14:00-18:00']`. */
const dayRanges = z.array(z.string().max(20)).max(12);

const DAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

const openingHoursSchema = z
  .object(
    Object.fromEntries(
      WEEKDAYS.map((d) => [
        d,
        dayRanges
          .default([])
          .describe(
            `${DAY_NAMES[d]}'s opening hours: \`HH:MM-HH:MM\` ranges in the space's time zone, e.g. \`['09:00-12:00', '14:00-18:00']\`; empty: closed that day (when another day has hours).`,
          ),
      ]),
    ) as Record<Weekday, z.ZodDefault<typeof dayRanges>>,
  )
  .strict()
  .prefault({})
  .describe(
    'Opening hours per weekday (`mon` … `sun`). A range may not run past midnight (write `22:00-24:00`, then `00:00-02:00` the next day) and the ranges of one day may not overlap. Every day empty (the default): always open. Outside the hours, logins and free access are refused and open sessions end at closing time.',
  );

/** The hours and closures read by the domain's own parser, so the file and the console agree. */
function checkOpeningHours(
  s: { openingHours: OpeningHoursText; closures: string[]; timezone: string },
  ctx: z.RefinementCtx,
): void {
  try {
    parseWeek(s.openingHours);
  } catch (err) {
    if (!isEcnError(err)) throw err;
    ctx.addIssue({
      code: 'custom',
      message: `${err.code}: ${err.message}`,
      path: ['openingHours', String(err.details.day ?? '')],
    });
  }
  s.closures.forEach((c, i) => {
    try {
      parseClosure(c);
    } catch (err) {
      if (!isEcnError(err)) throw err;
      ctx.addIssue({ code: 'custom', message: `${err.code}: ${err.message}`, path: ['closures', i] });
    }
  });
}

export const configSchema = z
  .object({
    space: z
      .object({
        id: z
          .string()
          .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'a slug: lower-case letters, digits and single dashes')
          .max(64)
          .default('roubaix-demo')
          .describe(
            'Stable identifier of the space (slug), used as the `space_id` label of metrics, e.g. `roubaix-epeule`.',
          ),
        name: z
          .string()
          .min(1)
          .max(80)
          .default('Espace Citoyen Numérique')
          .describe('Name shown to residents.'),
        structure: z
          .string()
          .max(120)
          .default('Association gestionnaire')
          .describe('The association or structure that runs the space (publisher, data controller).'),
        address: z
          .string()
          .max(200)
          .default('')
          .describe('Postal address, shown on legal pages and tickets.'),
        contactEmail: z
          .string()
          .max(120)
          .default('')
          .describe('Contact for residents (privacy requests, accessibility).'),
        wifiName: z.string().max(32).default('').describe('Wi-Fi network name (SSID) printed on tickets.'),
        timezone: z
          .string()
          .refine(isTimeZone, { message: 'expected an IANA time zone such as "Europe/Paris"' })
          .default('Europe/Paris')
          .describe(
            'Time zone of the space: clock times shown to residents, the free-access day, statistics by local day and hour.',
          ),
        dpoContact: z
          .string()
          .max(200)
          .default('')
          .describe('Data-protection contact shown in the privacy notice (a DPO, or the person in charge).'),
        logo: z
          .string()
          .max(400)
          .default('')
          .describe('Logo file (PNG, JPEG or SVG) shown on the portal; empty for none.'),
        colors: z
          .object({
            primary: colour
              .default('#1d4e89')
              .describe('Main colour (buttons, header); must contrast with white text.'),
            accent: colour.default('#ffd166').describe('Accent colour.'),
          })
          .prefault({})
          .describe('Colours of the portal and console.'),
        openingHours: openingHoursSchema,
        closures: z
          .array(z.string().max(40))
          .max(200)
          .default([])
          .describe(
            "Days the space is closed whatever its hours: a day `2026-12-24` or a range of days `2026-12-25..2027-01-01` (both included), in the space's time zone.",
          ),
      })
      .superRefine((s, ctx) => checkOpeningHours(s, ctx))
      .prefault({})
      .describe('Who this box serves.'),
    dataDir: z
      .string()
      .min(1)
      .default('./data')
      .describe(
        'Folder for the embedded store and other state; relative paths are resolved from the working directory.',
      ),
    log: z
      .object({
        level: z
          .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
          .default('info')
          .describe('Log level (pino).'),
      })
      .prefault({})
      .describe('Logging.'),
    store: z
      .object({
        kind: z
          .enum(['embedded', 'redis'])
          .default('embedded')
          .describe(
            '`embedded` (SQLite file in dataDir, one box) or `redis` (shared ticket pool for several boxes).',
          ),
        redisUrl: z
          .string()
          .regex(/^rediss?:\/\//, 'expected redis://… or rediss://…')
          .default('redis://127.0.0.1:6379/0')
          .describe('Redis URL when `kind` is `redis`; use AOF with `appendfsync always` on that server.'),
        keyPrefix: z
          .string()
          .regex(/^[A-Za-z0-9:_-]{1,32}$/)
          .default('ecn:')
          .describe('Prefix of every Redis key, so one Redis can hold several pools.'),
      })
      .prefault({})
      .describe('Where tickets, sessions and acceptances are kept.'),
    // Issue 13, item 5: what the privacy notice promises for the store, purged daily.
    retention: z
      .object({
        sessionsDays: z
          .number()
          .int()
          .min(
            SESSIONS_FLOOR_DAYS,
            `at least ${SESSIONS_FLOOR_DAYS} days (a month of history for the console and late RADIUS accounting)`,
          )
          .max(3650)
          .default(365)
          .describe(
            `Ended sessions (device MAC and IP, times, bytes) are deleted from the store this many days after they ended, and the devices bound to a ticket this many days after the ticket ended; at least ${SESSIONS_FLOOR_DAYS}. The legal journal keeps its own copy for \`journal.retentionDays\`; the statistics keep only their anonymous daily counts.`,
          ),
        acceptancesDays: z
          .number()
          .int()
          .min(
            LEGAL_FLOOR_DAYS,
            `at least ${LEGAL_FLOOR_DAYS} days (the year the law keeps connection records)`,
          )
          .max(3650)
          .default(365)
          .describe(
            `A charter acceptance is deleted once it is this many days old and its ticket ended this many days ago; at least ${LEGAL_FLOOR_DAYS} and at least \`journal.retentionDays\`, so the proof lasts as long as the connection records.`,
          ),
        ticketsDays: z
          .number()
          .int()
          .min(
            LEGAL_FLOOR_DAYS,
            `at least ${LEGAL_FLOOR_DAYS} days (the year the law keeps connection records)`,
          )
          .max(3650)
          .default(365)
          .describe(
            `A ticket (its code, devices and use) is deleted this many days after it ended (time over, data used up or revoked); a ticket still usable never is. At least ${LEGAL_FLOOR_DAYS} and at least \`journal.retentionDays\`: a requisition or a resident's request names the ticket by its code, which only the store can turn into the journal's identifier.`,
          ),
      })
      .prefault({})
      .describe(
        'How long the store keeps personal data (the privacy page states these durations); purged daily by the service and by `ecn store purge`.',
      ),
    portal: z
      .object({
        listen: listen('127.0.0.1:8080', 'Address of the resident portal (and `/healthz`).'),
        // Portal issue (#3): how residents reach the portal, rate limits, free access.
        publicUrl: z
          .string()
          .regex(/^$|^https?:\/\/[^/?#\s]+$/, 'expected "http://host[:port]" without a path, or empty')
          .default('')
          .describe(
            'URL residents reach the portal at (captive redirects, RFC 8908 API), e.g. `http://10.42.0.1`; empty means `http://<gateway.portalAddress>:<listen port>` with `gateway.kind: nftables`, otherwise the listen address, which must then not be a wildcard (`0.0.0.0`, `[::]`).',
          ),
        hostnames: z
          .array(z.string().regex(/^[A-Za-z0-9.:[\]-]{1,253}$/))
          .default(['localhost', '127.0.0.1', '[::1]'])
          .describe(
            'Host names the portal answers as itself; any other Host from a captive client is redirected to the portal.',
          ),
        trustProxy: z
          .string()
          .max(200)
          .default('')
          .describe(
            'Express `trust proxy` value (e.g. `loopback`) when a reverse proxy is in front; empty trusts no X-Forwarded-For.',
          ),
        secureCookies: z
          .boolean()
          .default(false)
          .describe('Mark cookies `Secure` (set when residents reach the portal over https).'),
        // Issue #16 (6): RFC 8908 wants its API over https; the rest of the portal stays http.
        apiListen: withType(
          z
            .string()
            .refine((s) => s === '' || parseListen(s) !== null, {
              message: 'expected "host:port", e.g. "10.42.0.1:443", or empty',
            })
            .default('')
            .describe(
              'Address of the https listener serving the RFC 8908 API (`/api/captive`) and the portal pages with `portal.tls`; empty: none. Captive detection stays on `portal.listen` (http).',
            ),
          'host:port',
        ),
        tls: tlsFiles('for `portal.apiListen`; it must name the host of the portal URL'),
        maxTries: z
          .number()
          .int()
          .min(1)
          .max(100)
          .default(5)
          .describe('Wrong ticket codes a device may type before it must wait.'),
        retryWait: duration
          .default(60)
          .describe('First wait after too many wrong codes; it doubles with each further wrong code.'),
        maxRetryWait: duration.default(3600).describe('Longest wait after wrong codes.'),
        sweepInterval: duration
          .default(30)
          .describe('How often sessions whose ticket expired, ran out or was revoked are ended.'),
        freeAccess: z
          .object({
            enabled: z
              .boolean()
              .default(false)
              .describe('Free access: residents only accept the charter, no ticket is asked.'),
            dailyAllowance: duration
              .default(7200)
              .describe(
                'Access time per device and per day in free-access mode, counted from the first login.',
              ),
          })
          .prefault({})
          .describe('Free-access mode (no ticket).'),
        // Issue #15, item 5: a resident stuck on a page asks the team for help.
        help: z
          .object({
            enabled: z
              .boolean()
              .default(true)
              .describe(
                'Show the "J\'ai besoin d\'aide" button on the welcome, status and blocked-site pages; the console home lists the calls.',
              ),
            maxAsks: z
              .number()
              .int()
              .min(1)
              .max(100)
              .default(3)
              .describe('Calls for help one device may send within `portal.help.window`; more are refused.'),
            window: duration
              .default(600)
              .describe('The time over which `portal.help.maxAsks` is counted, from the first call.'),
            forgetAfter: duration
              .default(43200)
              .describe(
                'A call nobody marked as handled is dropped this long after the device last asked (the resident has left).',
              ),
          })
          .prefault({})
          .describe('Calls for help from the portal (issue #15).'),
        trustedDevices: z
          .object({
            outsideHours: z
              .boolean()
              .default(false)
              .describe(
                "Whether the space's own devices (`ecn devices trust`) are let through outside the opening hours too; by default only while the space is open.",
              ),
            grant: duration
              .default(43200)
              .describe(
                'How long one admission of a trusted device lasts at most (it ends at closing time anyway); the device is admitted again on its next portal visit.',
              ),
          })
          .prefault({})
          .describe(
            "The space's own devices (public PCs, staff): let through without a ticket, still filtered and journaled.",
          ),
      })
      .prefault({})
      .describe('Resident portal.'),
    gateway: z
      .object({
        kind: z
          .enum(['none', 'nftables', 'opennds', 'chilli'])
          .default('none')
          .describe(
            'How clients are let through: `none` (development: nothing is enforced, devices are known by IP), `nftables` (the box is the router and lets clients through with its own nftables table `inet ecn`), `opennds` (an openNDS router sends captive clients to the portal through its FAS protocol, see `gateway.opennds`) or `chilli` (a CoovaChilli router sends them through its UAM protocol and asks our RADIUS server, see `gateway.chilli`).',
          ),
        // Gateway issue (#5): the box as the router, enforced with nftables.
        clientInterface: z
          .string()
          .regex(/^$|^[A-Za-z0-9_.-]{1,15}$/, 'a network interface name, e.g. "wlan0" or "br-lan"')
          .default('')
          .describe("Interface on the residents' side (Wi-Fi or LAN); required with `kind: nftables`."),
        portalAddress: z
          .string()
          .default('')
          .describe(
            "The box's IPv4 address on the residents' side, where captive clients' web requests are sent; required with `kind: nftables`.",
          ),
        // Issue #16 (2): `ecn setup` derives the DHCP range from portalAddress/clientPrefix.
        clientPrefix: z
          .number()
          .int()
          .min(8)
          .max(29)
          .default(24)
          .describe(
            "Prefix length of the residents' network around `portalAddress` (24 for 10.42.0.1/24); `ecn setup` derives the DHCP range from it.",
          ),
        upstreamInterface: z
          .string()
          .regex(/^$|^[A-Za-z0-9_.-]{1,15}$/, 'a network interface name, e.g. "eth0"')
          .default('')
          .describe(
            'Interface towards the Internet; when set, clients are masqueraded (NAT) behind it. Empty: routing and NAT are left to the operator.',
          ),
        walledGarden: z
          .array(z.string().max(253))
          .default([])
          .describe(
            'Hosts and addresses (IPv4/IPv6, optionally with a /prefix) reachable before login; host names are resolved when the rules are applied.',
          ),
        dnsAddress: z
          .string()
          .default('')
          .describe(
            "Address of the box's (filtering) resolver that clients' DNS is redirected to; empty means `portalAddress`.",
          ),
        dnsAddress6: z
          .string()
          .default('')
          .describe(
            "The box's IPv6 address where clients' DNS over IPv6 is redirected (the host of `filter.listen6`), on `dnsPort`. Empty: clients' DNS over IPv6 to any server is refused, so it cannot skip the filter.",
          ),
        dnsPort: z.number().int().min(1).max(65535).default(53).describe("Port of the box's resolver."),
        linksRefresh: duration
          .default(300)
          .refine((s) => s >= 10 && s <= 3600, 'between 10 seconds and 1 hour')
          .describe(
            "How often the useful links reachable before login (console, Réglages → Liens utiles) are resolved again through the box's resolver (`dnsAddress`:`dnsPort`) and their addresses renewed in the gateway; each address is opened for three times this long, so a stopped service closes the walled garden by itself. nftables gateway only.",
          ),
        counterInterval: duration
          .default(30)
          .describe(
            'How often the per-client byte counters are read into the sessions (and quotas checked).',
          ),
        nftCommand: z
          .string()
          .min(1)
          .default('nft')
          .describe('The `nft` program (a name looked up in PATH, or an absolute path).'),
        conntrackCommand: z
          .string()
          .min(1)
          .default('conntrack')
          .describe('The `conntrack` program, used to cut the open connections of a client let go.'),
        ipCommand: z
          .string()
          .min(1)
          .default('ip')
          .describe(
            "The `ip` program (iproute2), used to read an IPv6 client's MAC from the neighbour table (IPv4 clients' are read from /proc/net/arp, without a process).",
          ),
        // Legal connection log (issue 8): deterministic NAT, one block of source ports per client.
        portBlocks: z
          .object({
            enabled: z
              .enum(['auto', 'on', 'off'])
              .default('auto')
              .describe(
                'Deterministic NAT (RFC 7422) with `kind: nftables`: each logged-in client is translated to `address` with source ports from a block of its own, recorded in the legal journal, so a public address, a port and a time name one client. `auto`: on when the box masquerades (`upstreamInterface` set) and an IPv4 address is known (`address` or `journal.publicIp`), otherwise off. `on`: both are required. `off`: plain masquerade, where a requisition can only be answered with every client connected at the time. When every block is held, a further login is refused (ECN_ERR_NAT_PORTS_EXHAUSTED) rather than left unattributable.',
              ),
            address: z
              .string()
              .default('')
              .describe(
                "The box's IPv4 address on `upstreamInterface` that clients are translated to; empty means `journal.publicIp`. It must be fixed (not renumbered by DHCP while the service runs).",
              ),
            firstPort: z
              .number()
              .int()
              .min(MIN_FIRST_PORT)
              .max(65535)
              .default(1024)
              .describe('First source port shared out into blocks.'),
            lastPort: z
              .number()
              .int()
              .min(MIN_FIRST_PORT)
              .max(65535)
              .default(65535)
              .describe(
                'Last source port shared out; ports left over above the last whole block are not used.',
              ),
            blockSize: z
              .number()
              .int()
              .min(MIN_BLOCK_SIZE)
              .max(32768)
              .default(1024)
              .describe(
                'Ports per block (per protocol: TCP, UDP and ICMP ids each). The first block goes to the walled-garden traffic of devices not logged in; each other block to one logged-in device, so the default 1024-65535 in blocks of 1024 serves 62 devices at once.',
              ),
          })
          .prefault({})
          .describe(
            'NAT port blocks for the legal journal (see docs/deploy-box.md, "NAT port blocks and requisitions").',
          ),
        // Hand-off to gear that enforces by itself (issue 5): openNDS FAS and CoovaChilli UAM.
        opennds: z
          .object({
            faskey: z
              .string()
              .max(256)
              .default('')
              .describe(
                'The `faskey` set in openNDS (`option faskey`); it makes the `tok` that lets a client through and, at level 2, decrypts the `fas` parameter. Required with `kind: opennds`; never logged.',
              ),
            fasLevel: z
              .number()
              .int()
              .min(1)
              .max(2)
              .default(2)
              .describe(
                'The `fas_secure_enabled` level set in openNDS: 1 (the client data in base64, readable and forgeable on the way: only on a wired, trusted link) or 2 (encrypted with AES-256-CBC and `faskey`).',
              ),
          })
          .prefault({})
          .describe(
            "openNDS Forward Authentication Service: openNDS sends captive clients to `<portal>/opennds/`; after login the portal sends them to openNDS's `opennds_auth`.",
          ),
        chilli: z
          .object({
            uamSecret: z
              .string()
              .max(128)
              .default('')
              .describe(
                "The `uamsecret` set in CoovaChilli; it checks the redirect's `md` signature and makes the CHAP response, computed on the box so it never reaches the browser. Required with `kind: chilli`; never logged.",
              ),
            uamServer: z
              .string()
              .max(500)
              .default('')
              .describe(
                "CoovaChilli's `uamserver` exactly as written in its configuration (the signature covers it); empty means `<portal.publicUrl>/chilli/`.",
              ),
          })
          .prefault({})
          .describe(
            'CoovaChilli UAM: Chilli sends captive clients to `uamserver`; after login the portal sends them to `http://uamip:uamport/logon` and Chilli asks our RADIUS server (`radius.clients` must list it).',
          ),
      })
      .prefault({})
      .describe('Enforcement of access on the box (gateway adapter).'),
    tickets: z
      .object({
        maxBatch: z
          .number()
          .int()
          .min(1)
          .max(10000)
          .default(500)
          .describe('Largest batch one command or form may create.'),
      })
      .prefault({})
      .describe('Ticket issuing.'),
    profiles: z
      .array(profileSchema)
      .min(1)
      .prefault([
        { name: '1h', label: '1 heure', duration: 3600, devices: 1, default: true },
        { name: '1d', label: '1 journée', duration: 86400, devices: 2 },
        { name: '1w', label: '1 semaine', duration: 604800, devices: 2 },
      ] as never)
      .describe('Ticket profiles animators choose from; exactly one has `default: true`.'),
    charter: z
      .object({
        version: z
          .string()
          .regex(/^[A-Za-z0-9._-]{1,32}$/)
          .default('2026-11')
          .describe('Current charter version; residents accept it again when it changes.'),
        dir: z
          .string()
          .default('')
          .describe(
            'Folder holding `<version>/<lang>.yaml` charter texts; empty means the texts shipped in `config/charter`.',
          ),
        defaultLanguage: z.enum(LANGUAGES).default('fr').describe('Language when none is asked for.'),
      })
      .prefault({})
      .describe('Resident charter.'),
    console: z
      .object({
        enabled: z.boolean().default(true).describe("Serve the animators' console."),
        listen: listen(
          '127.0.0.1:8081',
          "Address of the animators' console; keep it off the captive side (loopback, or the staff network only).",
        ),
        secureCookies: z
          .boolean()
          .default(false)
          .describe(
            'Mark the console cookies Secure (set it when the console is reached over https behind a proxy; implied by `console.tls`).',
          ),
        tls: tlsFiles("for the console's listener (staff network)"),
        idleTimeout: duration
          .default(1800)
          .describe('A console session ends after this long without a request.'),
        extensions: z
          .object({
            maxPerDay: duration
              .default(3600)
              .describe(
                'Most time animators may add to one ticket per day of the space (+30 min, +1 h on the sessions page), never past its validity window; 0 turns it off.',
              ),
          })
          .prefault({})
          .describe('More time for a ticket in use (issue #15).'),
        attendanceThemes: z
          .array(z.string().trim().min(1).max(80))
          .max(50)
          .default([
            'Découverte du numérique',
            'Démarches administratives en ligne',
            "Recherche d'emploi",
            'Expression numérique',
            'Logiciels libres',
          ])
          .describe(
            'Themes offered when animators record a workshop or an individual help session (they may also type another, up to 80 characters).',
          ),
        maxSessionAge: duration
          .default(43200)
          .describe('A console session ends this long after the login, whatever the activity.'),
        maxTries: z
          .number()
          .int()
          .min(1)
          .max(100)
          .default(5)
          .describe('Wrong passwords allowed for one account (or from one address) before a wait.'),
        retryWait: duration
          .default(30)
          .describe('First wait after too many wrong passwords; it doubles with each further one.'),
        maxRetryWait: duration.default(3600).describe('Longest wait after wrong passwords.'),
        auditRetentionDays: z
          .number()
          .int()
          .min(90)
          .max(3650)
          .default(365)
          .describe(
            "The console's audit trail (who did what, sign-in addresses included) is purged after this many days; at least 90.",
          ),
        trustProxy: z
          .string()
          .default('')
          .describe(
            'Express `trust proxy` for the console (e.g. `loopback` behind a reverse proxy); empty trusts none.',
          ),
      })
      .prefault({})
      .describe("The animators' console (issue 7): tickets, sessions, settings, statistics."),
    metrics: z
      .object({
        listen: listen('127.0.0.1:9464', 'Address of `/metrics` (Prometheus); keep it off the captive side.'),
        token: z
          .string()
          .default('')
          .describe('Optional bearer token required on `/metrics` (ECN_METRICS_TOKEN); empty means none.'),
        // Issue #16 (2): kept here so that a re-run of `ecn setup` offers it as the default.
        remoteWriteUrl: z
          .string()
          .max(500)
          .regex(/^$|^https?:\/\/[^\s/?#]+(\/[^\s]*)?$/, 'expected an http(s) URL, or empty')
          .default('')
          .describe(
            "The city's Prometheus remote_write URL, which `ecn setup` writes into the box's Prometheus agent configuration (`/etc/ecn/prometheus-agent.yml`); the service itself does not push. Empty: no agent configuration.",
          ),
      })
      .prefault({})
      .describe('Prometheus metrics for the city.'),
    journal: z
      .object({
        enabled: z
          .boolean()
          .default(true)
          .describe('Keep the legal connection log (required by French law for public Internet access).'),
        file: z.string().default('').describe('Journal database file; empty means `<dataDir>/journal.db`.'),
        key: z
          .string()
          .default('')
          .describe(
            'Journal encryption key, 32 bytes in base64 (`openssl rand -base64 32`); prefer `keyFile` or ECN_JOURNAL_KEY.',
          ),
        keyFile: z
          .string()
          .default('')
          .describe(
            'File holding the key; empty means `<dataDir>/journal.key`, created (0600) on first start. Keep a copy off the box.',
          ),
        retentionDays: z
          .number()
          .int()
          .min(1)
          .max(3650)
          .default(365)
          .describe('Connection records are purged after this many days.'),
        securityRetentionDays: z
          .number()
          .int()
          .min(1)
          .max(3650)
          .default(90)
          .describe('Security log lines are purged after this many days.'),
        publicIp: z
          .string()
          .default('')
          .describe(
            "The box's public IP address as the Internet sees it, recorded with each connection (empty: unknown).",
          ),
      })
      .prefault({})
      .describe(
        'Legal connection log (CPCE L34-1, R10-13): connection identifiers only, encrypted, one year.',
      ),
    // Time issue (#16, item 5): the legal log is worth what the clock is worth.
    clock: z
      .object({
        checkInterval: duration
          .default(3600)
          .describe('How often the service checks that the system clock is synchronised (also at start).'),
        source: z
          .enum(['auto', 'timedatectl', 'chrony', 'adjtimex', 'command'])
          .default('auto')
          .describe(
            'Who tells whether the clock is synchronised: `auto` tries `timedatectl` (systemd, the kernel\'s flag), then `chronyc tracking`, then `adjtimex --print`; `command` runs `clock.command`. When none can tell, the state is "unknown".',
          ),
        command: z
          .string()
          .max(4096)
          .default('')
          .describe(
            'With `source: command`: an executable (run without a shell or arguments) that prints `yes` when the clock is synchronised and `no` when not.',
          ),
      })
      .prefault({})
      .superRefine((c, ctx) => {
        if (c.checkInterval < 1) {
          ctx.addIssue({ code: 'custom', path: ['checkInterval'], message: 'at least 1 second' });
        }
        if (c.source === 'command' && c.command === '') {
          ctx.addIssue({ code: 'custom', path: ['command'], message: 'required when `source` is `command`' });
        }
      })
      .describe('Checks of the system clock, on which the legal journal depends.'),
    // Issue #16, item 4: what `ecn backup` without --out (the nightly timer) does.
    backup: z
      .object({
        folder: z
          .string()
          .default('')
          .describe(
            'Folder where `ecn backup` without `--out` (the `ecn-backup.timer`) writes `ecn-backup-<space>-<time>.ecnbak`; empty means none. Copy the files off the box (README).',
          ),
        keep: z
          .number()
          .int()
          .min(1)
          .max(365)
          .default(7)
          .describe(
            'How many backups of this space the folder keeps; older ones are deleted after a new one is written.',
          ),
        passphraseFile: z
          .string()
          .default('')
          .describe(
            'File holding the backup passphrase (first line, 12 characters at least), readable by the service user only; used when `--passphrase-file` is not given. Keep the passphrase elsewhere too: without it a backup is useless.',
          ),
      })
      .prefault({})
      .describe('Encrypted backups of the box (`ecn backup`, `ecn restore`).'),
    radius: radiusSchema,
    filter: filterSchema,
  })
  .superRefine((c, ctx) => {
    const names = new Set<string>();
    c.profiles.forEach((p, i) => {
      if (names.has(p.name))
        ctx.addIssue({
          code: 'custom',
          message: `duplicate profile name "${p.name}"`,
          path: ['profiles', i, 'name'],
        });
      names.add(p.name);
    });
    checkGateway(c.gateway, ctx);
    checkPortalUrl(c.portal, c.gateway.kind, ctx);
    checkTlsPairs(c.portal, c.console.tls, ctx);
    checkPortBlocks(c.gateway, c.journal.publicIp, ctx);
    for (const key of ['acceptancesDays', 'ticketsDays'] as const) {
      // Under the legal floor is already said by the field's own check.
      const days = c.retention[key];
      if (c.journal.enabled && days >= LEGAL_FLOOR_DAYS && days < c.journal.retentionDays) {
        ctx.addIssue({
          code: 'custom',
          message: `at least journal.retentionDays (${c.journal.retentionDays}): the journal's records name tickets the store must still know`,
          path: ['retention', key],
        });
      }
    }
    const defaults = c.profiles.filter((p) => p.default).length;
    if (defaults !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: `exactly one profile must have default: true (found ${defaults})`,
        path: ['profiles'],
      });
    }
  });

/** Gateway issue (#5): what `kind: nftables` needs, checked with the rest of the file. */
function checkGateway(
  g: {
    kind: string;
    clientInterface: string;
    portalAddress: string;
    dnsAddress: string;
    dnsAddress6: string;
    walledGarden: string[];
    opennds: { faskey: string };
    chilli: { uamSecret: string; uamServer: string };
  },
  ctx: z.RefinementCtx,
): void {
  if (g.kind === 'opennds' && g.opennds.faskey === '') {
    ctx.addIssue({
      code: 'custom',
      message: "required with kind: opennds: openNDS's faskey",
      path: ['gateway', 'opennds', 'faskey'],
    });
  }
  if (g.kind === 'chilli' && g.chilli.uamSecret === '') {
    ctx.addIssue({
      code: 'custom',
      message: "required with kind: chilli: CoovaChilli's uamsecret",
      path: ['gateway', 'chilli', 'uamSecret'],
    });
  }
  if (g.chilli.uamServer !== '' && !/^https?:\/\/[^\s?#]+$/.test(g.chilli.uamServer)) {
    ctx.addIssue({
      code: 'custom',
      message: "expected an http(s) URL without query, as in Chilli's uamserver",
      path: ['gateway', 'chilli', 'uamServer'],
    });
  }
  g.walledGarden.forEach((entry, i) => {
    if (!isGardenEntry(entry)) {
      ctx.addIssue({
        code: 'custom',
        message: `"${entry}" is neither a host name nor an IPv4/IPv6 address or prefix`,
        path: ['gateway', 'walledGarden', i],
      });
    }
  });
  if (g.dnsAddress !== '' && !isIpv4(g.dnsAddress)) {
    ctx.addIssue({ code: 'custom', message: 'expected an IPv4 address', path: ['gateway', 'dnsAddress'] });
  }
  if (g.dnsAddress6 !== '' && !isIPv6(g.dnsAddress6)) {
    ctx.addIssue({ code: 'custom', message: 'expected an IPv6 address', path: ['gateway', 'dnsAddress6'] });
  }
  if (g.kind !== 'nftables') return;
  if (g.clientInterface === '') {
    ctx.addIssue({
      code: 'custom',
      message: 'required with kind: nftables (e.g. "wlan0")',
      path: ['gateway', 'clientInterface'],
    });
  }
  if (!isIpv4(g.portalAddress)) {
    ctx.addIssue({
      code: 'custom',
      message: "required with kind: nftables: the box's IPv4 address on the residents' side",
      path: ['gateway', 'portalAddress'],
    });
  }
}

/**
 * Issue 12 (7): captive clients are sent to the portal's URL. Without `publicUrl` it comes from
 * `gateway.portalAddress` (nftables) or the listen address, and a wildcard one names no host.
 */
function checkPortalUrl(
  portal: { listen: string; publicUrl: string },
  kind: string,
  ctx: z.RefinementCtx,
): void {
  const listen = parseListen(portal.listen);
  if (portal.publicUrl !== '' || kind === 'nftables' || listen === null || !isWildcardHost(listen.host))
    return;
  ctx.addIssue({
    code: 'custom',
    message: `required when portal.listen is a wildcard address (${portal.listen}) and gateway.kind is not nftables: the URL residents' browsers are sent to, e.g. "http://10.42.0.1"`,
    path: ['portal', 'publicUrl'],
  });
}

/** Issue #16 (6): a certificate without its key (or the reverse) cannot be served. */
function checkTlsPairs(
  portal: { apiListen: string; tls: { cert: string; key: string } },
  consoleTls: { cert: string; key: string },
  ctx: z.RefinementCtx,
): void {
  const pair = (tls: { cert: string; key: string }, at: string) => {
    if ((tls.cert === '') !== (tls.key === '')) {
      const missing = tls.cert === '' ? 'cert' : 'key';
      ctx.addIssue({
        code: 'custom',
        message: 'both cert and key are needed, or neither',
        path: [at, 'tls', missing],
      });
    }
  };
  pair(portal.tls, 'portal');
  pair(consoleTls, 'console');
  if ((portal.apiListen === '') !== (portal.tls.cert === '')) {
    ctx.addIssue({
      code: 'custom',
      message: 'portal.apiListen and portal.tls go together: the https listener needs a certificate',
      path: ['portal', portal.apiListen === '' ? 'apiListen' : 'tls'],
    });
  }
}

/** Issue 8: NAT port blocks that are asked for must be possible, and their plan must hold. */
function checkPortBlocks(
  g: {
    kind: string;
    upstreamInterface: string;
    portBlocks: { enabled: string; address: string; firstPort: number; lastPort: number; blockSize: number };
  },
  journalPublicIp: string,
  ctx: z.RefinementCtx,
): void {
  const pb = g.portBlocks;
  const at = (key: string) => ['gateway', 'portBlocks', key];
  if (pb.address !== '' && !isIpv4(pb.address)) {
    ctx.addIssue({ code: 'custom', message: 'expected an IPv4 address', path: at('address') });
  }
  if (pb.enabled === 'off') return;
  // Out-of-bounds values are already reported by their own keys.
  const inBounds = pb.blockSize >= MIN_BLOCK_SIZE && pb.firstPort >= MIN_FIRST_PORT;
  const problem = inBounds ? planProblem(pb) : null;
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem, path: at('blockSize') });
  if (pb.enabled !== 'on' || g.kind !== 'nftables') return;
  if (g.upstreamInterface === '') {
    ctx.addIssue({
      code: 'custom',
      message: 'port blocks need the box to translate addresses: set gateway.upstreamInterface',
      path: at('enabled'),
    });
  }
  if (pb.address === '' && !isIpv4(journalPublicIp)) {
    ctx.addIssue({
      code: 'custom',
      message:
        'required with enabled: on: the IPv4 address clients are translated to (or set journal.publicIp)',
      path: at('address'),
    });
  }
}

/** A walled-garden entry: a host name, or an IPv4/IPv6 address with an optional prefix length. */
export function isGardenEntry(entry: string): boolean {
  const [addr, prefix, extra] = entry.split('/');
  if (extra !== undefined || addr === undefined) return false;
  if (prefix !== undefined) {
    if (!/^\d{1,3}$/.test(prefix)) return false;
    const n = Number(prefix);
    if (isIpv4(addr)) return n <= 32;
    if (isIpv6(addr)) return n <= 128;
    return false;
  }
  if (isIpv4(addr) || isIpv6(addr)) return true;
  return (
    /^(?=.{1,253}$)([A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/.test(
      addr,
    ) && !/^[\d.]+$/.test(addr)
  );
}

export type ConfigInput = z.input<typeof configSchema>;
export type Config = z.output<typeof configSchema>;
export type ProfileConfig = z.output<typeof profileSchema>;
export type RadiusClientConfig = z.output<typeof radiusClientSchema>;
