// openNDS FAS levels 1 and 2. Most exchanges are built here the way openNDS and its reference
// FAS script (fas-aes.php: base64 of PHP openssl output, passphrase key, 16-character IV) do;
// two were captured from Debian's openNDS 9.10 (test/e2e/opennds-netns.test.ts runs it live).

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

// Captured from openNDS 9.10 (Debian), the client visiting http://198.51.100.2/aa~resident/page:
// the level-1 query is raw base64, where the `~` gave a `+`.
const CAPTURED_LEVEL1 =
  'aGlkPTdmNjA2ODk2YzQ0N2Y0MGUxZDBmNWFmMDZiZjk5NmZhMDMxYTVhNWUyOThkMGUzYTYwMTgxMWMwOTIyYjRmOD' +
  'gsIGNsaWVudGlwPTE5Mi4wLjIuMTAsIGNsaWVudG1hYz0wMjplYzowMDowMDowMDoxMCwgY2xpZW50X3R5cGU9Y3Bk' +
  'X2NhbiwgZ2F0ZXdheW5hbWU9RUNOVGVzdCUyME5vZGUlM2ExYWE1NzFjNWVjYjElMjAsIGdhdGV3YXl1cmw9aHR0cC' +
  'UzYSUyZiUyZnN0YXR1cy5jbGllbnQsIHZlcnNpb249OS4xMC4wLCBnYXRld2F5YWRkcmVzcz0xOTIuMC4yLjE6MjA1' +
  'MCwgZ2F0ZXdheW1hYz0xYWE1NzFjNWVjYjEsIG9yaWdpbnVybD1odHRwJTNhJTJmJTJmMTk4LjUxLjEwMC4yJTJmYW' +
  'F+cmVzaWRlbnQlMmZwYWdlLCBjbGllbnRpZj1sYW4wLCB0aGVtZXNwZWM9KG51bGwpLCAobnVsbCkobnVsbCkobnVs' +
  'bCkobnVsbCk=';
const CAPTURED_LEVEL2 = {
  faskey: '0123456789abcdef0123456789abcdef-test',
  iv: 'a1b195713fbc195f',
  fas:
    'dzE5YTZsWER1b2xMUFgyQndLeTJYMHk3YlZrZE1yK0JOdFhqQWZFYzlIaHJFL0xVNDZzcllabDY3Yk52Kzl4Q2JiUn' +
    'g1ZWlCWWhXallCSlpqNDFuUTF4U1Bmd3A0alUzL1dYYTViYUV3VUY2Vm5TeGwwaisvY2hFbmRHeEp2SU16VjBCUEhp' +
    'SzVDSkdoU2xVVUc3UjN2L2J1QjJoOGt2TkdjMEFrVjQ5QitRZko2WG1lajBWYmx4NU9JMG9uV0FYaUJPWmZJUWt0b0' +
    'IzOGNXcDg3Z3gveWlUVFNOc0NhcDQ4UU53cnRGd21scUh2UWw1RFNWK3RrZFYzTGNiemg4MVFEQlFwRW5BM1dxd2th' +
    'ZEFEMk9BclhmZ0t2Q2J6c0ZOK2VkWHZPaU1vZ290M1hTY2MrRTBlWDgrMEpaN2dvUTUzbjRSVjBiSTJqUlNNNnJxdW' +
    'loWC9nRDgxMSt2bHh5TFFNM0VHc0VYc2RwQ3NXNUo3eDBKVmtHc1BsK29MNUp3cVNrRkhzZU83dzYrS1IvR0c0RUNi' +
    'YWRpWGV2SWVuaktkdVZ5d1RualZkQnRsWWUrRjRteGYwYTR5YnFRZmo3TlNkTTJCR1ZvQVdPUk1HYlRGTGZXMDE3bm' +
    '51Vm5QV0VsaWU1UU5LQkZjbEVTOC9mTGN4d3d1OGgyT1ZSVW9mQnFiaVpBcTVLK1R4a2phOW5ad0ZLUW5Bc0FQMXI1' +
    'YjBvTTVVTG5nQ3NTT01SekVJb1FQb0EyMU94QitjcllmWnROOFNINVY0ZjRhb0M1eWF5QnIxUlRJQT09',
};

test('level 1 and 2 as openNDS 9.10 sends them: its own fields, trailing `(null)`s and all', () => {
  expect(CAPTURED_LEVEL1).toContain('+');
  expect(decodeFasLevel1(CAPTURED_LEVEL1)).toEqual({
    clientIp: '192.0.2.10',
    clientMac: '02:ec:00:00:00:10',
    gatewayAddress: '192.0.2.1:2050',
    gatewayName: 'ECNTest Node:1aa571c5ecb1 ',
    hid: '7f606896c447f40e1d0f5af06bf996fa031a5a5e298d0e3a601811c0922b4f88',
    originUrl: 'http://198.51.100.2/aa~resident/page',
  });
  // What a form-style query parser would hand over: the `+` become spaces, which is refused.
  expect(() => decodeFasLevel1(CAPTURED_LEVEL1.replace(/\+/g, ' '))).toThrow(FasError);
  const l2 = CAPTURED_LEVEL2;
  expect(decodeFasLevel2(l2.fas, l2.iv, l2.faskey)).toMatchObject({
    clientIp: '192.0.2.10',
    clientMac: '02:ec:00:00:00:10',
    gatewayAddress: '192.0.2.1:2050',
    originUrl: 'http://198.51.100.2/~resident/page',
  });
});
