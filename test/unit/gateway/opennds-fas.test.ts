// openNDS FAS levels 1 and 2. The exchanges are built here the way openNDS and its reference
// FAS script (fas-aes.php: base64 of PHP openssl output, passphrase key, 16-character IV) do;
// they are not captured from a running openNDS, which is not available on this machine.

import { createCipheriv, createHash } from 'node:crypto';
import {
  decodeFasLevel1,
  decodeFasLevel2,
  fasAesKey,
  fasAuthUrl,
  FasError,
  fasToken,
  fasTokenValid,
} from '../../../src/gateway/opennds/fas';

const FASKEY = 'c775e7b757ede630cd0aa1113bd102661ab38829ca52a6422ab782862f268646';
const HID = createHash('sha256').update('client-session').digest('hex');
const FIELDS =
  `clientip=192.168.8.23, clientmac=5c:cf:7f:01:02:03, client_type=cpd_can, gatewayname=ECN%20Epeule, ` +
  `gatewayurl=http%3A%2F%2Fstatus.client, version=10.2.0, hid=${HID}, gatewayaddress=192.168.8.1:2050, ` +
  `gatewaymac=00c0ca000001, originurl=http%3A%2F%2Fexample.org%2Fnews, clientif=br-lan`;

/** What openNDS level 2 sends: PHP-compatible AES-256-CBC, base64, base64 again. */
function level2(text: string, iv: string, faskey = FASKEY): string {
  const c = createCipheriv('aes-256-cbc', fasAesKey(faskey), Buffer.from(iv, 'latin1'));
  const inner = Buffer.concat([c.update(text, 'utf8'), c.final()]).toString('base64');
  return Buffer.from(inner, 'latin1').toString('base64');
}

const expected = {
  clientIp: '192.168.8.23',
  clientMac: '5c:cf:7f:01:02:03',
  gatewayAddress: '192.168.8.1:2050',
  gatewayName: 'ECN Epeule',
  hid: HID,
  originUrl: 'http://example.org/news',
};

test('level 1: the base64 field list is read and checked', () => {
  expect(decodeFasLevel1(Buffer.from(FIELDS).toString('base64'))).toEqual(expected);
});

test('level 2: decrypted with the faskey and the iv', () => {
  const iv = 'a1B2c3D4e5F6g7H8';
  expect(decodeFasLevel2(level2(FIELDS, iv), iv, FASKEY)).toEqual(expected);
});

test('level 2: a wrong key or a tampered parameter is refused, not misread', () => {
  const iv = 'a1B2c3D4e5F6g7H8';
  const fas = level2(FIELDS, iv);
  const wrongKey = () => decodeFasLevel2(fas, iv, 'another-key');
  expect(wrongKey).toThrow(FasError);
  const inner = Buffer.from(Buffer.from(fas, 'base64').toString('latin1'), 'base64');
  inner[inner.length - 1]! ^= 0x01;
  const tampered = Buffer.from(inner.toString('base64'), 'latin1').toString('base64');
  expect(() => decodeFasLevel2(tampered, iv, FASKEY)).toThrow(FasError);
  expect(() => decodeFasLevel2(fas, 'short', FASKEY)).toThrow(/iv/);
  expect(() => decodeFasLevel2(undefined, iv, FASKEY)).toThrow(/no fas/);
});

test.each([
  ['no hid', FIELDS.replace(/hid=[0-9a-f]+, /, '')],
  ['a bad MAC', FIELDS.replace('5c:cf:7f:01:02:03', '5c:cf:7f')],
  ['a bad client IP', FIELDS.replace('192.168.8.23', '192.168.8.23; x')],
  ['a gateway address without port', FIELDS.replace('192.168.8.1:2050', '192.168.8.1')],
])('a field list with %s is refused', (_what, text) => {
  expect(() => decodeFasLevel1(Buffer.from(text).toString('base64'))).toThrow(FasError);
});

test('not base64 at all is refused', () => {
  expect(() => decodeFasLevel1('%%%')).toThrow(/base64/);
});

test('the token and the opennds_auth URL', () => {
  const tok = createHash('sha256')
    .update(HID + FASKEY)
    .digest('hex');
  expect(fasToken(HID, FASKEY)).toBe(tok);
  expect(fasTokenValid(tok, HID, FASKEY)).toBe(true);
  const other = (tok[0] === '0' ? '1' : '0') + tok.slice(1);
  expect(fasTokenValid(other, HID, FASKEY)).toBe(false);
  expect(fasTokenValid('', HID, FASKEY)).toBe(false);
  const url = new URL(fasAuthUrl(expected, FASKEY, null));
  expect(url.origin + url.pathname).toBe('http://192.168.8.1:2050/opennds_auth/');
  expect(url.searchParams.get('tok')).toBe(tok);
  expect(url.searchParams.get('redir')).toBe('http://example.org/news');
});
