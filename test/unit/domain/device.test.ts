import { deviceKey, isIpv6, makeDevice, normalizeIp, normalizeMac } from '../../../src/domain/device';
import { isEcnError } from '../../../src/domain/errors';

describe('devices', () => {
  it.each(['AA-BB-CC-DD-EE-0F', 'aa:bb:cc:dd:ee:0f', 'aabbccddee0f', 'aabb.ccdd.ee0f', 'AABBCCDDEE0F'])(
    'reads the MAC %p',
    (m) => {
      expect(normalizeMac(m)).toBe('aa:bb:cc:dd:ee:0f');
    },
  );

  it.each(['', 'aa:bb:cc:dd:ee', 'gg:bb:cc:dd:ee:ff', 'aa:bb:cc:dd:ee:ff:00'])('refuses the MAC %p', (m) => {
    expect(normalizeMac(m)).toBeNull();
  });

  it.each([
    ['10.0.0.5', '10.0.0.5'],
    ['::ffff:10.0.0.5', '10.0.0.5'],
    ['FE80::1', 'fe80::1'],
    ['2001:db8::8a2e:370:7334', '2001:db8::8a2e:370:7334'],
    ['::1', '::1'],
    ['::ffff:192.0.2.1:80', null],
    ['256.0.0.1', null],
    ['1:2:3:4:5:6:7:8:9', null],
    ['1::2::3', null],
    ['hello', null],
  ])('reads the IP %p as %p', (input, expected) => {
    expect(normalizeIp(input)).toBe(expected);
  });

  it('accepts full and embedded-IPv4 IPv6 forms', () => {
    expect(isIpv6('1:2:3:4:5:6:7:8')).toBe(true);
    expect(isIpv6('64:ff9b::192.0.2.33')).toBe(true);
    expect(isIpv6('1:2:3:4:5:6:7')).toBe(false);
  });

  it('binds by MAC when known, by IP otherwise', () => {
    expect(deviceKey(makeDevice({ mac: 'AA-BB-CC-DD-EE-FF', ip: '10.0.0.9' }))).toBe('mac:aa:bb:cc:dd:ee:ff');
    expect(deviceKey(makeDevice({ ip: '10.0.0.9' }))).toBe('ip:10.0.0.9');
  });

  it('refuses a device without a valid address', () => {
    for (const bad of [{}, { mac: 'nope' }, { ip: '999.1.1.1' }]) {
      expect(() => makeDevice(bad)).toThrow(expect.objectContaining({ code: 'ECN_ERR_DEVICE_INVALID' }));
    }
    try {
      makeDevice({});
    } catch (err) {
      expect(isEcnError(err)).toBe(true);
    }
  });
});
