// The generated rule-set and the element keys: what reaches `nft` is only what was validated,
// a re-apply never deletes the table, and counters read back map to the right client.

import { renderRuleset, type RulesetOptions } from '../../../src/gateway/nftables/ruleset';
import {
  addClientBatch,
  clientElements,
  removeClientBatch,
} from '../../../src/gateway/nftables/client-elements';
import { canonicalIpv6, timeoutText } from '../../../src/gateway/nftables/nft-values';
import { gardenBatch } from '../../../src/gateway/nftables/walled-garden';
import { parseClientSets } from '../../../src/gateway/nftables/elements';
import { checkedKeyIp } from '../../../src/gateway/nftables/client-elements';
import { isGardenEntry } from '../../../src/config/schema';

const base: RulesetOptions = {
  clientInterface: 'wlan0',
  upstreamInterface: 'eth0',
  portalAddress: '10.42.0.1',
  portalPort: 8080,
  dnsAddress: '10.42.0.1',
  dnsPort: 53,
  garden4: ['192.0.2.7', '198.51.100.0/24'],
  garden6: ['2001:db8::1'],
};

describe('renderRuleset', () => {
  const text = renderRuleset(base);

  test('only adds sets and refills chains: a re-apply keeps the authorized clients', () => {
    expect(text).not.toMatch(/delete table|flush ruleset|flush table|delete set/);
    expect(text).toMatch(
      /^add set inet ecn_gateway clients_mac4 \{ type ether_addr \. ipv4_addr; flags timeout; counter; \}$/m,
    );
    for (const chain of ['prerouting', 'input', 'forward', 'postrouting']) {
      expect(text).toContain(`flush chain inet ecn_gateway ${chain}\n`);
    }
  });

  test("the portal's https listener (RFC 8908 API) is reachable from the Wi-Fi only when configured", () => {
    const accept = 'iifname "wlan0" ip daddr 10.42.0.1 tcp dport 8443 accept';
    expect(text).not.toContain(accept);
    const withTls = renderRuleset({ ...base, portalTlsPort: 8443 });
    const input = withTls.slice(withTls.indexOf('flush chain inet ecn_gateway input'));
    expect(input.indexOf(accept)).toBeGreaterThan(-1);
    expect(input.indexOf(accept)).toBeLessThan(input.indexOf('reject with tcp reset'));
    // Only the API port: https to the portal address on 443 is still reset.
    expect(withTls).not.toContain('tcp dport 443 accept');
  });

  test('captive web goes to the portal, DNS to the resolver, DoT is dropped, the rest is rejected', () => {
    expect(text).toContain('iifname "wlan0" tcp dport 80 dnat ip to 10.42.0.1:8080');
    expect(text).toContain('iifname "wlan0" ip protocol { tcp, udp } th dport 53 dnat ip to 10.42.0.1:53');
    expect(text).toContain('iifname "wlan0" meta l4proto { tcp, udp } th dport 853 drop');
    expect(text).toContain('iifname "wlan0" meta l4proto tcp reject with tcp reset');
    expect(text).toContain('iifname "wlan0" reject with icmpx admin-prohibited');
    expect(text).toContain('add element inet ecn_gateway garden4 { 192.0.2.7, 198.51.100.0/24 }');
    expect(text).toContain('iifname "wlan0" oifname "eth0" masquerade');
  });

  test('the client rules come before the final rejections in forward', () => {
    const forward = text.split('\n').filter((l) => l.startsWith('add rule inet ecn_gateway forward'));
    const accept = forward.findIndex((l) =>
      /@clients_mac4 ct mark set ct mark or 0x40000000 accept$/.test(l),
    );
    const reject = forward.findIndex((l) => l.endsWith('meta l4proto tcp reject with tcp reset'));
    expect(accept).toBeGreaterThan(0);
    expect(reject).toBeGreaterThan(accept);
    expect(forward[forward.length - 1]).toContain('oifname "wlan0" drop');
  });

  test("clients' DNS over IPv6 goes to the resolver's IPv6 address, or is refused without one", () => {
    const with6 = renderRuleset({ ...base, dnsAddress6: 'FD00:EC:0::1' });
    const pre = with6.split('\n').filter((l) => l.startsWith('add rule inet ecn_gateway prerouting'));
    expect(pre).toContain(
      'add rule inet ecn_gateway prerouting iifname "wlan0" meta nfproto ipv6 meta l4proto { tcp, udp } th dport 53 dnat ip6 to [fd00:ec::1]:53',
    );
    // Before the authorized clients' `return`: authorized or not, DNS goes to the filter.
    expect(pre.findIndex((l) => l.includes('dnat ip6'))).toBeLessThan(
      pre.findIndex((l) => l.includes('@clients_mac4 return')),
    );
    expect(text).not.toContain('dnat ip6');
    // Not redirected (no IPv6 resolver): refused before any client is let through.
    for (const t of [text, with6]) {
      const forward = t.split('\n').filter((l) => l.startsWith('add rule inet ecn_gateway forward'));
      const refused = forward.findIndex((l) =>
        l.endsWith(
          'meta nfproto ipv6 meta l4proto { tcp, udp } th dport 53 reject with icmpx admin-prohibited',
        ),
      );
      expect(refused).toBeGreaterThanOrEqual(0);
      expect(refused).toBeLessThan(forward.findIndex((l) => l.includes('@clients_mac6')));
    }
    expect(() => renderRuleset({ ...base, dnsAddress6: '10.42.0.1' })).toThrow(/not IPv6/);
    expect(() => renderRuleset({ ...base, dnsAddress6: 'fd00::1]:53 ; flush ruleset' })).toThrow(/not IPv6/);
  });

  test('without an upstream interface no NAT is added', () => {
    expect(renderRuleset({ ...base, upstreamInterface: null })).not.toContain('masquerade');
  });

  test.each([
    ['interface with a quote', { clientInterface: 'wlan0" accept' }],
    ['interface too long', { clientInterface: 'abcdefghijklmnop' }],
    ['same interfaces', { upstreamInterface: 'wlan0' }],
    ['portal not IPv4', { portalAddress: '10.42.0.1; flush ruleset' }],
    ['resolver not IPv4', { dnsAddress: 'resolver.local' }],
    ['port out of range', { portalPort: 70000 }],
    ['garden with a rule', { garden4: ['1.2.3.4 } ; flush ruleset ; {'] }],
    ['garden IPv6 in the IPv4 list', { garden4: ['2001:db8::1'] }],
    ['garden prefix too long', { garden6: ['2001:db8::/129'] }],
  ])('refuses %s', (_what, change) => {
    expect(() => renderRuleset({ ...base, ...change } as RulesetOptions)).toThrow();
  });
});

describe('client elements', () => {
  test('a device with a MAC is bound to it; download is counted by IP', () => {
    expect(clientElements({ mac: '02:EC:00:00:00:10', ip: '10.42.0.23' })).toEqual({
      up: { set: 'clients_mac4', key: '02:ec:00:00:00:10 . 10.42.0.23' },
      down: { set: 'clients_down4', key: '10.42.0.23' },
    });
    expect(clientElements({ mac: null, ip: '2001:DB8:0:0::5' })).toEqual({
      up: { set: 'clients_ip6', key: '2001:db8::5' },
      down: { set: 'clients_down6', key: '2001:db8::5' },
    });
    expect(clientElements({ mac: '02:ec:00:00:00:10', ip: null })).toBeNull();
  });

  test('anything else is refused before it reaches nft', () => {
    expect(() => clientElements({ mac: null, ip: '10.0.0.1 } ; flush ruleset' })).toThrow();
    expect(() => clientElements({ mac: 'zz:ec:00:00:00:10', ip: '10.0.0.1' })).toThrow();
    expect(() => canonicalIpv6('10.0.0.1')).toThrow();
  });

  test('batches replace the elements (new timeout) and remove them idempotently', () => {
    const el = clientElements({ mac: '02:ec:00:00:00:10', ip: '10.42.0.23' })!;
    expect(addClientBatch(el, 3599.2).split('\n')).toEqual([
      'add element inet ecn_gateway clients_mac4 { 02:ec:00:00:00:10 . 10.42.0.23 }',
      'delete element inet ecn_gateway clients_mac4 { 02:ec:00:00:00:10 . 10.42.0.23 }',
      'add element inet ecn_gateway clients_mac4 { 02:ec:00:00:00:10 . 10.42.0.23 timeout 3600s }',
      'add element inet ecn_gateway clients_down4 { 10.42.0.23 }',
      'delete element inet ecn_gateway clients_down4 { 10.42.0.23 }',
      'add element inet ecn_gateway clients_down4 { 10.42.0.23 timeout 3600s }',
      '',
    ]);
    expect(removeClientBatch(el)).not.toContain('timeout');
    expect(timeoutText(0)).toBe('1s');
    expect(timeoutText(10 * 365 * 86400)).toBe(`${365 * 86400}s`);
  });
});

describe('reading the sets back', () => {
  test('plain and concatenated elements with their counters; other tables ignored', () => {
    const json = JSON.stringify({
      nftables: [
        { metainfo: { version: '1.0.6' } },
        {
          set: {
            family: 'inet',
            name: 'clients_mac4',
            table: 'ecn_gateway',
            elem: [
              {
                elem: {
                  val: { concat: ['02:ec:00:00:00:10', '10.42.0.23'] },
                  timeout: 60,
                  expires: 59,
                  counter: { packets: 3, bytes: 1200 },
                },
              },
            ],
          },
        },
        {
          set: {
            name: 'clients_down4',
            table: 'ecn_gateway',
            elem: [{ elem: { val: '10.42.0.23', counter: { packets: 9, bytes: 9000 } } }, '10.42.0.24'],
          },
        },
        { set: { name: 'clients_down4', table: 'other', elem: [{ elem: { val: '1.1.1.1' } }] } },
        { chain: { name: 'forward' } },
      ],
    });
    const sets = parseClientSets(json);
    expect(sets.get('clients_mac4')!.get('02:ec:00:00:00:10 . 10.42.0.23')).toEqual({ bytes: 1200 });
    expect(sets.get('clients_down4')!.get('10.42.0.23')).toEqual({ bytes: 9000 });
    expect(sets.get('clients_down4')!.get('10.42.0.24')).toEqual({ bytes: 0 });
    expect(sets.get('clients_down4')!.has('1.1.1.1')).toBe(false);
    expect(sets.get('clients_ip6')!.size).toBe(0);
  });

  test('a malformed listing is refused', () => {
    expect(() => parseClientSets('{"nftables": 3}')).toThrow();
    expect(() => parseClientSets('not json')).toThrow();
  });

  test('element keys read back are checked before being written again', () => {
    expect(checkedKeyIp('02:ec:00:00:00:10 . 10.42.0.23')).toBe('10.42.0.23');
    expect(checkedKeyIp('2001:db8::5')).toBe('2001:db8::5');
    expect(checkedKeyIp('02:EC:00:00:00:10 . 10.42.0.23')).toBeNull();
    expect(checkedKeyIp('10.42.0.23 } ; flush ruleset')).toBeNull();
  });
});

describe('walled-garden entries in the configuration', () => {
  test.each(['portail.ville-roubaix.fr', '192.0.2.7', '198.51.100.0/24', '2001:db8::/32'])(
    'accepts %s',
    (e) => {
      expect(isGardenEntry(e)).toBe(true);
    },
  );
  test.each(['1.2.3.4/33', 'a b', 'x;y', '-bad.example', '1.2.3', '2001:db8::/200', ''])(
    'refuses %s',
    (e) => {
      expect(isGardenEntry(e)).toBe(false);
    },
  );
});

describe("the links' walled garden (issue #15, item 8)", () => {
  const text = renderRuleset(base);

  test('its sets hold (address, port) pairs with timeouts and survive a re-apply', () => {
    expect(text).toMatch(
      /^add set inet ecn_gateway garden_https4 \{ type ipv4_addr \. inet_service; flags timeout; \}$/m,
    );
    expect(text).toMatch(
      /^add set inet ecn_gateway garden_https6 \{ type ipv6_addr \. inet_service; flags timeout; \}$/m,
    );
    expect(text).not.toMatch(/flush set inet ecn_gateway garden_https/);
    expect(text).toContain(
      'add rule inet ecn_gateway forward iifname "wlan0" ip daddr . tcp dport @garden_https4 accept',
    );
  });

  test('a batch replaces both sets in one transaction, each entry with its timeout', () => {
    expect(
      gardenBatch(
        [
          { address: '198.51.100.20', port: 443 },
          { address: '2001:DB8:0:0::20', port: 443 },
        ],
        900,
      ),
    ).toBe(
      'flush set inet ecn_gateway garden_https4\n' +
        'flush set inet ecn_gateway garden_https6\n' +
        'add element inet ecn_gateway garden_https4 { 198.51.100.20 . 443 timeout 900s }\n' +
        'add element inet ecn_gateway garden_https6 { 2001:db8::20 . 443 timeout 900s }\n',
    );
    expect(gardenBatch([], 900)).toBe(
      'flush set inet ecn_gateway garden_https4\nflush set inet ecn_gateway garden_https6\n',
    );
  });

  test('refuses anything but an address and a port, so no text reaches nft unchecked', () => {
    expect(() => gardenBatch([{ address: 'sante.example.org', port: 443 }], 60)).toThrow(/not an IP address/);
    expect(() => gardenBatch([{ address: '1.2.3.4 } ; flush ruleset', port: 443 }], 60)).toThrow();
    expect(() => gardenBatch([{ address: '198.51.100.20', port: 0 }], 60)).toThrow(/port/);
  });
});
