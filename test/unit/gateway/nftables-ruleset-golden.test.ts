// The rule-set text is the gateway's contract with the kernel: for the same options it must not
// change by one byte when the code that writes it is reorganised. Each case is compared with the
// file written from the code as it stood before `renderRuleset` was split (test/fixtures/nftables-ruleset).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { renderRuleset, type RulesetOptions } from '../../../src/gateway/nftables/ruleset';

const base: RulesetOptions = {
  clientInterface: 'wlan0',
  upstreamInterface: 'eth0',
  portalAddress: '10.42.0.1',
  portalPort: 8080,
  dnsAddress: '10.42.0.1',
  dnsPort: 53,
  garden4: [],
  garden6: [],
};

/** Representative boxes: masquerade or port blocks or no upstream, with or without gardens, IPv6 DNS, https. */
const GOLDEN_CASES: Record<string, RulesetOptions> = {
  minimal: { ...base, upstreamInterface: null },
  masquerade: base,
  'walled-garden': {
    ...base,
    garden4: ['192.0.2.7', '198.51.100.0/24'],
    garden6: ['2001:db8::1', '2001:db8:1::/48'],
  },
  'ipv6-dns-and-https': {
    ...base,
    clientInterface: 'br-lan.10',
    dnsAddress6: 'FD00:EC:0::1',
    dnsPort: 5353,
    portalTlsPort: 8443,
    garden6: ['2001:db8::1'],
  },
  'nat-port-blocks': {
    ...base,
    upstreamInterface: 'wan',
    portalAddress: '192.168.50.1',
    dnsAddress: '192.168.50.2',
    nat: { address: '203.0.113.9', shared: { first: 1024, last: 2047 } },
    garden4: ['192.0.2.7'],
  },
  everything: {
    clientInterface: 'wlan1',
    upstreamInterface: 'eth1',
    portalAddress: '10.0.0.1',
    portalPort: 80,
    portalTlsPort: 443,
    dnsAddress: '10.0.0.1',
    dnsAddress6: 'fd00::53',
    dnsPort: 53,
    garden4: ['192.0.2.0/24', '198.51.100.1'],
    garden6: ['2001:db8::/32'],
    nat: { address: '198.51.100.200', shared: { first: 10000, last: 10999 } },
  },
};

const GOLDEN_DIR = path.join(__dirname, '../../fixtures/nftables-ruleset');

describe('renderRuleset is byte-identical to the saved rule-sets', () => {
  it.each(Object.keys(GOLDEN_CASES))('%s', (name) => {
    const golden = readFileSync(path.join(GOLDEN_DIR, `${name}.nft`), 'utf8');
    expect(renderRuleset(GOLDEN_CASES[name]!)).toBe(golden);
  });
});
