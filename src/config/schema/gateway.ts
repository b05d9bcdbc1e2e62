// The `gateway` section: how access is enforced (nftables on the box, or openNDS and
// CoovaChilli that enforce by themselves), with the NAT port blocks of the legal journal.

import { z } from 'zod';
import { MIN_BLOCK_SIZE, MIN_FIRST_PORT } from '../../gateway/nftables/port-blocks';
import { duration } from './fields';

export const gatewaySchema = z
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
      .describe('How often the per-client byte counters are read into the sessions (and quotas checked).'),
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
          .describe('Last source port shared out; ports left over above the last whole block are not used.'),
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
  .describe('Enforcement of access on the box (gateway adapter).');
