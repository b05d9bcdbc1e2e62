// The NAT port-block settings: defaults, which boxes get them with `auto`, and the refusals an
// operator sees (all at once, with their path) when they cannot work.

import { portBlocksOf } from '../../../src/gateway/create-gateway';
import { configFiles } from '../../helpers/config-files';

const { load, problems } = configFiles('nat');

const NFT = `gateway: { kind: nftables, clientInterface: wlan0, portalAddress: 10.42.0.1`;

test('defaults: auto, 1024-65535 in blocks of 1024', () => {
  const c = load('{}\n');
  expect(c.gateway.portBlocks).toEqual({
    enabled: 'auto',
    address: '',
    firstPort: 1024,
    lastPort: 65535,
    blockSize: 1024,
  });
});

test('auto: on when the box masquerades and knows its public address, off otherwise', () => {
  const masquerading = load(`${NFT}, upstreamInterface: eth0 }\njournal: { publicIp: 198.51.100.7 }\n`);
  expect(portBlocksOf(masquerading)).toEqual({
    address: '198.51.100.7',
    plan: { firstPort: 1024, lastPort: 65535, blockSize: 1024 },
  });
  const ownAddress = load(
    `${NFT}, upstreamInterface: eth0, portBlocks: { address: 192.168.1.2, blockSize: 2048 } }\njournal: { publicIp: 198.51.100.7 }\n`,
  );
  expect(portBlocksOf(ownAddress)).toMatchObject({ address: '192.168.1.2', plan: { blockSize: 2048 } });
  // No upstream interface: routing and NAT are the operator's, nothing to translate here.
  expect(portBlocksOf(load(`${NFT} }\njournal: { publicIp: 198.51.100.7 }\n`))).toBeNull();
  // Masquerading, address unknown: masquerade as before (a warning is logged at start).
  expect(portBlocksOf(load(`${NFT}, upstreamInterface: eth0 }\n`))).toBeNull();
  expect(
    portBlocksOf(
      load(
        `${NFT}, upstreamInterface: eth0, portBlocks: { enabled: off } }\njournal: { publicIp: 198.51.100.7 }\n`,
      ),
    ),
  ).toBeNull();
});

test('on: needs an upstream interface and an address', () => {
  const p = problems(`${NFT}, portBlocks: { enabled: on } }\n`);
  expect(p).toEqual(
    expect.arrayContaining([
      expect.objectContaining({
        path: 'gateway.portBlocks.enabled',
        message: expect.stringMatching(/upstreamInterface/),
      }),
      expect.objectContaining({
        path: 'gateway.portBlocks.address',
        message: expect.stringMatching(/required/),
      }),
    ]),
  );
});

test('a plan that cannot work is refused with a clear message', () => {
  expect(
    problems(`gateway: { portBlocks: { firstPort: 60000, lastPort: 61000, blockSize: 1024 } }\n`),
  ).toEqual([
    expect.objectContaining({
      path: 'gateway.portBlocks.blockSize',
      message: expect.stringMatching(/60000-61000 holds 0 block\(s\) of 1024 ports; at least 2 are needed/),
    }),
  ]);
  expect(problems(`gateway: { portBlocks: { blockSize: 16 } }\n`)).toEqual([
    expect.objectContaining({ path: 'gateway.portBlocks.blockSize' }),
  ]);
  expect(problems(`gateway: { portBlocks: { firstPort: 80 } }\n`)).toEqual([
    expect.objectContaining({ path: 'gateway.portBlocks.firstPort' }),
  ]);
  expect(problems(`gateway: { portBlocks: { address: eth0 } }\n`)).toEqual([
    expect.objectContaining({ path: 'gateway.portBlocks.address', message: 'expected an IPv4 address' }),
  ]);
});
