// Issue #16, item 6: the https keys of the configuration. A certificate without its key, or an
// https portal listener without a certificate, is refused with its path; with one, the RFC 8908
// document announces the https URL of the portal, on the portal URL's host.

import { portalSecureUrl } from '../../../src/config/portal-url';
import { captiveApiDocument } from '../../../src/portal/captive';
import { configFiles } from '../../helpers/config-files';

const { load, problems } = configFiles('tls');

test('a certificate without its key, and an https listener without a certificate, are all listed', () => {
  const found = problems(
    'console: { tls: { cert: /etc/ecn/tls/cert.pem } }\nportal: { listen: "127.0.0.1:8080", apiListen: "127.0.0.1:8443" }\n',
  );
  expect(found).toEqual(
    expect.arrayContaining([
      { path: 'console.tls.key', message: 'both cert and key are needed, or neither' },
      {
        path: 'portal.tls',
        message: 'portal.apiListen and portal.tls go together: the https listener needs a certificate',
      },
    ]),
  );
  expect(problems('portal: { apiListen: "everywhere" }\n')).toEqual(
    expect.arrayContaining([expect.objectContaining({ path: 'portal.apiListen' })]),
  );
});

test('with portal.tls the API announces https on the portal host and the apiListen port', () => {
  const tls = 'tls: { cert: /c.pem, key: /k.pem }';
  const nft = 'gateway: { kind: nftables, clientInterface: wlan0, portalAddress: 10.42.0.1 }';
  const on443 = load(`portal: { listen: "0.0.0.0:8080", apiListen: "0.0.0.0:443", ${tls} }\n${nft}\n`);
  expect(portalSecureUrl(on443)).toBe('https://10.42.0.1');
  const named = load(
    `portal: { listen: "0.0.0.0:8080", publicUrl: "http://portail.ecn.lan", apiListen: "0.0.0.0:8443", ${tls} }\n${nft}\n`,
  );
  const secure = portalSecureUrl(named)!;
  expect(secure).toBe('https://portail.ecn.lan:8443');
  expect(
    captiveApiDocument(secure, { captive: true, secondsRemaining: null, bytesRemaining: null }),
  ).toMatchObject({
    'user-portal-url': 'https://portail.ecn.lan:8443/',
    'venue-info-url': 'https://portail.ecn.lan:8443/charter',
  });
  // Without TLS nothing changes: the portal is http only.
  expect(portalSecureUrl(load(`portal: { listen: "0.0.0.0:8080" }\n${nft}\n`))).toBeNull();
});
