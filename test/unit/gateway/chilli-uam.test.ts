// CoovaChilli UAM: the redirect's md signature, its parameters, the CHAP response and the logon
// URL. The redirect is built the way Chilli's redir.c builds it and the expected digests were
// computed separately (Python hashlib, from hotspotlogin.cgi's formula); they are not captured
// from a running CoovaChilli, which is not available on this machine.

import { chapResponse, readUamRedirect, uamLogonUrl, UamError } from '../../../src/gateway/chilli/uam';

const SECRET = 'uam-test-secret';
const UNSIGNED =
  'http://10.1.0.1/hotspot?res=notyet&uamip=10.1.0.1&uamport=3990&challenge=0123456789abcdef0123456789abcdef' +
  '&called=00-11-22-33-44-55&mac=5C-CF-7F-01-02-03&ip=10.1.0.23&nasid=ecn-epeule&sessionid=5f1a2b3c00000001' +
  '&userurl=http%3A%2F%2Fexample.org%2F';
// hashlib.md5(UNSIGNED.encode() + b'uam-test-secret').hexdigest().upper()
const SIGNED = `${UNSIGNED}&md=49584E471311185679B8D9FF354A891F`;

test('a signed redirect is read', () => {
  expect(readUamRedirect(SIGNED, SECRET)).toEqual({
    res: 'notyet',
    uamIp: '10.1.0.1',
    uamPort: 3990,
    challenge: '0123456789abcdef0123456789abcdef',
    clientMac: '5c:cf:7f:01:02:03',
    clientIp: '10.1.0.23',
    userUrl: 'http://example.org/',
    nasId: 'ecn-epeule',
    sessionId: '5f1a2b3c00000001',
    reply: null,
  });
});

test.each([
  ['a changed parameter', SIGNED.replace('ip=10.1.0.23', 'ip=10.1.0.24')],
  ['another secret', SIGNED],
  ['no md', UNSIGNED],
  ['a short md', `${UNSIGNED}&md=49584E47`],
])('a redirect with %s is refused', (what, url) => {
  const secret = what === 'another secret' ? 'other-secret' : SECRET;
  expect(() => readUamRedirect(url, secret)).toThrow(UamError);
});

test('values are checked even when the signature is right', () => {
  expect(() => readUamRedirect(UNSIGNED.replace('res=notyet', 'res=bogus'), '')).toThrow(/res/);
  expect(() => readUamRedirect(UNSIGNED.replace('uamport=3990', 'uamport=99999'), '')).toThrow(/uamport/);
  expect(() => readUamRedirect(`${UNSIGNED}&ip=10.1.0.9`, '')).toThrow(/twice/);
});

test('the CHAP response matches hotspotlogin.cgi', () => {
  // hashlib.md5(b'\0' + b'K7QMX4TR9WPA' + hashlib.md5(challenge + secret).digest()).hexdigest()
  expect(chapResponse('0123456789abcdef0123456789abcdef', 'K7QMX4TR9WPA', SECRET)).toBe(
    'cdf21088731d4906f2c5e6d1cebf5865',
  );
});

test('the logon URL carries the response, never the secret', () => {
  const url = new URL(uamLogonUrl(readUamRedirect(SIGNED, SECRET), 'K7QMX4TR9WPA', 'K7QMX4TR9WPA', SECRET));
  expect(url.origin + url.pathname).toBe('http://10.1.0.1:3990/logon');
  expect(url.searchParams.get('response')).toBe('cdf21088731d4906f2c5e6d1cebf5865');
  expect(url.searchParams.get('userurl')).toBe('http://example.org/');
  expect(url.href).not.toContain(SECRET);
});
