// Issue #15, item 2: the trusted-devices part of the Store port, run against the embedded store
// and a real redis-server: the same answers from both, each space with its own devices.

import type { Store } from '../../src/domain/ports';
import type { TrustedDevice } from '../../src/domain/trusted-device';
import { adapters } from '../helpers/store-adapters';

const T0 = Date.UTC(2026, 10, 28, 9, 0, 0);

function device(mac: string, label: string, spaceId = 'roubaix-epeule'): TrustedDevice {
  return { spaceId, mac, label, addedAt: T0, addedBy: 'alice' };
}

describe.each(adapters)('Trusted devices store contract: $name', (adapter) => {
  let store: Store;

  beforeEach(async () => {
    ({ store } = await adapter.make());
    await store.start();
  });
  afterEach(async () => {
    await store.stop();
  });

  it('adds a device once, relabels it on a second add, and lists by label', async () => {
    expect(await store.putTrustedDevice(device('aa:bb:cc:00:00:10', 'PC 10'))).toBe(true);
    expect(await store.putTrustedDevice(device('aa:bb:cc:00:00:02', 'PC 2'))).toBe(true);
    expect(await store.putTrustedDevice(device('aa:bb:cc:00:00:10', 'PC 1'))).toBe(false);
    expect((await store.listTrustedDevices('roubaix-epeule')).map((d) => d.label)).toEqual(['PC 1', 'PC 2']);
    expect(await store.getTrustedDevice('roubaix-epeule', 'aa:bb:cc:00:00:10')).toEqual(
      device('aa:bb:cc:00:00:10', 'PC 1'),
    );
  });

  it('keeps each space to its own devices', async () => {
    await store.putTrustedDevice(device('aa:bb:cc:00:00:01', 'PC 1', 'roubaix-epeule'));
    expect(await store.getTrustedDevice('roubaix-alma', 'aa:bb:cc:00:00:01')).toBeNull();
    expect(await store.listTrustedDevices('roubaix-alma')).toEqual([]);
    expect(await store.deleteTrustedDevice('roubaix-alma', 'aa:bb:cc:00:00:01')).toBe(false);
    expect(await store.getTrustedDevice('roubaix-epeule', 'aa:bb:cc:00:00:01')).not.toBeNull();
  });

  it('removes a device, and says when there was none', async () => {
    await store.putTrustedDevice(device('aa:bb:cc:00:00:01', 'PC 1'));
    expect(await store.deleteTrustedDevice('roubaix-epeule', 'aa:bb:cc:00:00:01')).toBe(true);
    expect(await store.deleteTrustedDevice('roubaix-epeule', 'aa:bb:cc:00:00:01')).toBe(false);
    expect(await store.getTrustedDevice('roubaix-epeule', 'aa:bb:cc:00:00:01')).toBeNull();
  });

  it('refuses a record that is not a trusted device and writes nothing', async () => {
    await expect(store.putTrustedDevice(device('AA-BB-CC-00-00-01', 'PC 1'))).rejects.toThrow();
    await expect(store.putTrustedDevice(device('aa:bb:cc:00:00:01', ''))).rejects.toThrow();
    expect(await store.listTrustedDevices('roubaix-epeule')).toEqual([]);
  });
});
