// MAC normalisation for MAC authentication: every common spelling to one key.

import { normalizeMacAddress } from '../../../src/radius/index';

describe('normalizeMacAddress', () => {
  it.each([
    'aa:bb:cc:dd:ee:0f',
    'AA:BB:CC:DD:EE:0F',
    'AA-BB-CC-DD-EE-0F',
    'aa-bb-cc-dd-ee-0f',
    'aabbccddee0f',
    'AABBCCDDEE0F',
    'aabb.ccdd.ee0f',
    'AABB.CCDD.EE0F',
    'aabb-ccdd-ee0f',
    'aabb:ccdd:ee0f',
    'aabbcc-ddee0f',
    'aabbcc:ddee0f',
  ])('%s', (input) => {
    expect(normalizeMacAddress(input)).toBe('aa:bb:cc:dd:ee:0f');
  });

  it.each([
    '',
    'aa:bb:cc:dd:ee',
    'aa:bb:cc:dd:ee:ff:00',
    'aa:bb:cc:dd:ee:fg',
    'aa:bb-cc:dd:ee:ff',
    'aa:bb:cc:dd:ee:f',
    'a:b:c:d:e:f',
    'aabbccddeef',
    'aabbccddeeff0',
    'aabb.ccdd-eeff',
    'aa.bb.cc.dd.ee.ff',
    ' aa:bb:cc:dd:ee:ff',
    'aa:bb:cc:dd:ee:ff ',
    '7KQ2-M9XD',
    'ticket-code-123',
  ])('refuses %p', (input) => {
    expect(normalizeMacAddress(input)).toBeNull();
  });
});
