import { isEcnError } from '../../../src/domain/errors';
import { readLabel, readMac } from '../../../src/domain/trusted-device';

function refusal(f: () => unknown): string {
  try {
    f();
  } catch (err) {
    return isEcnError(err) ? `${err.code}:${String(err.details.reason ?? '')}` : String(err);
  }
  return 'accepted';
}

describe('MAC addresses typed by staff', () => {
  it.each([
    'aa:bb:cc:dd:ee:0f',
    'AA-BB-CC-DD-EE-0F',
    'aabb.ccdd.ee0f',
    'AABBCCDDEE0F',
    ' aa:BB:cc:dd:ee:0f ',
  ])('reads %s as aa:bb:cc:dd:ee:0f', (text) => {
    expect(readMac(text)).toBe('aa:bb:cc:dd:ee:0f');
  });

  it('refuses other notations, wrong lengths and group addresses, each with its reason', () => {
    expect(refusal(() => readMac('aa:bb:cc:dd:ee'))).toBe('ECN_ERR_MAC_MALFORMED:notation');
    expect(refusal(() => readMac('aa:bb-cc:dd:ee:ff'))).toBe('ECN_ERR_MAC_MALFORMED:notation');
    expect(refusal(() => readMac('gg:bb:cc:dd:ee:ff'))).toBe('ECN_ERR_MAC_MALFORMED:notation');
    expect(refusal(() => readMac('aab.bccd.dee0f'))).toBe('ECN_ERR_MAC_MALFORMED:notation');
    expect(refusal(() => readMac('ff:ff:ff:ff:ff:ff'))).toBe('ECN_ERR_MAC_MALFORMED:group');
    expect(refusal(() => readMac('01:00:5e:00:00:01'))).toBe('ECN_ERR_MAC_MALFORMED:group');
    expect(refusal(() => readMac('00:00:00:00:00:00'))).toBe('ECN_ERR_MAC_MALFORMED:group');
  });

  it('takes a label of 1 to 40 printable characters', () => {
    expect(readLabel('  PC 3 ')).toBe('PC 3');
    expect(refusal(() => readLabel('  '))).toBe('ECN_ERR_DEVICE_LABEL_INVALID:');
    expect(refusal(() => readLabel('x'.repeat(41)))).toBe('ECN_ERR_DEVICE_LABEL_INVALID:');
    expect(refusal(() => readLabel('PC\n3'))).toBe('ECN_ERR_DEVICE_LABEL_INVALID:');
  });
});
