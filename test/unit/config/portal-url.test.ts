// Where residents' browsers are sent when `portal.publicUrl` is empty (issue 12, item 7): with
// nftables, the box's portal address, never the wildcard the portal may listen on; with the
// other gateways, a wildcard listen without publicUrl is refused, naming the keys.

import request from 'supertest';
import { portalPublicUrl } from '../../../src/config/portal-url';
import { isWildcardHost } from '../../../src/config/units';
import { portalSettings } from '../../../src/portal/settings';
import { portalFixture } from '../../helpers/portal';
import { configFiles } from '../../helpers/config-files';

const { load, problems } = configFiles('url');

const NFT = 'gateway: { kind: nftables, clientInterface: wlan0, portalAddress: 10.42.0.1 }';

test('nftables and a wildcard listen: residents are sent to the portal address on the listen port', () => {
  expect(portalPublicUrl(load(`portal: { listen: "0.0.0.0:8080" }\n${NFT}\n`))).toBe('http://10.42.0.1:8080');
  expect(portalPublicUrl(load(`portal: { listen: "[::]:8080" }\n${NFT}\n`))).toBe('http://10.42.0.1:8080');
  expect(portalPublicUrl(load(`portal: { listen: "0.0.0.0:80" }\n${NFT}\n`))).toBe('http://10.42.0.1');
  // The same URL as before when the portal listens on the portal address itself.
  expect(portalPublicUrl(load(`portal: { listen: "10.42.0.1:8080" }\n${NFT}\n`))).toBe(
    'http://10.42.0.1:8080',
  );
});

test('a publicUrl that is set is kept, whatever the listen address', () => {
  const c = load(`portal: { listen: "0.0.0.0:8080", publicUrl: "http://portail.ecn.test" }\n${NFT}\n`);
  expect(portalPublicUrl(c)).toBe('http://portail.ecn.test');
  expect(portalPublicUrl(load('portal: { listen: "0.0.0.0:8080", publicUrl: "http://10.0.0.1" }\n'))).toBe(
    'http://10.0.0.1',
  );
});

test('without nftables, a wildcard listen and no publicUrl is refused, naming the keys', () => {
  for (const listen of ['0.0.0.0:8080', '[::]:8080', '[0:0::0]:8080']) {
    for (const kind of ['none', 'opennds', 'chilli']) {
      const extra =
        kind === 'opennds'
          ? ', opennds: { faskey: k }'
          : kind === 'chilli'
            ? ', chilli: { uamSecret: s }'
            : '';
      const p = problems(`portal: { listen: "${listen}" }\ngateway: { kind: ${kind}${extra} }\n`);
      expect(p).toEqual([
        {
          path: 'portal.publicUrl',
          message: expect.stringMatching(/portal\.listen is a wildcard .*gateway\.kind is not nftables/),
        },
      ]);
    }
  }
  // A named listen address still serves as the URL.
  expect(portalPublicUrl(load('portal: { listen: "10.0.0.1:8080" }\n'))).toBe('http://10.0.0.1:8080');
});

test('wildcard hosts', () => {
  for (const h of ['0.0.0.0', '::', '0::0', '0:0:0:0:0:0:0:0']) expect(isWildcardHost(h)).toBe(true);
  for (const h of ['127.0.0.1', '10.42.0.1', '::1', 'fd00::', 'localhost', '0.0.0.1']) {
    expect(isWildcardHost(h)).toBe(false);
  }
});

test("a captive phone's probe is redirected to the portal address, not to 0.0.0.0", async () => {
  const config = load(`portal: { listen: "0.0.0.0:8080" }\n${NFT}\n`);
  const portal = await portalFixture(
    {},
    { publicUrl: portalSettings(config, portalPublicUrl(config)).publicUrl },
  );
  try {
    const res = await request(portal.app).get('/generate_204').set('Host', 'connectivitycheck.gstatic.com');
    expect(res.status).toBe(302);
    expect(res.headers.location).toBe('http://10.42.0.1:8080/');
  } finally {
    await portal.close();
  }
});
