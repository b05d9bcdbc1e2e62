// The neighbour table behind the portal's device recognition with the nftables gateway: one
// read shared by a burst of requests, never an answer older than the request (a device that
// took over an IP is not taken for the one before it), and the kernel formats read right.

import { FreshRead } from '../../../src/gateway/nftables/fresh-read';
import { NeighbourTable, parseIpNeigh, parseProcArp } from '../../../src/gateway/nftables/neighbours';

/** A read the test finishes by hand, to hold a read "under way" while callers arrive. */
function controlledSource<T>(answer: () => T) {
  const pending: { resolve: () => void; reject: (e: Error) => void }[] = [];
  let started = 0;
  const read = () =>
    new Promise<T>((resolve, reject) => {
      started++;
      pending.push({ resolve: () => resolve(answer()), reject });
    });
  return {
    read,
    get started() {
      return started;
    },
    /** Finishes the oldest read under way, answering with the table as it is *now*... */
    finish() {
      pending.shift()!.resolve();
    },
    fail(err: Error) {
      pending.shift()!.reject(err);
    },
  };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('FreshRead', () => {
  test('fifty callers asking at once cost two reads: the first one, and one shared by the others', async () => {
    const src = controlledSource(() => 'table');
    const shared = new FreshRead(src.read);
    const answers = Promise.all(Array.from({ length: 50 }, () => shared.get()));
    expect(src.started).toBe(1);
    src.finish();
    await flush();
    expect(src.started).toBe(2);
    src.finish();
    expect(await answers).toEqual(Array(50).fill('table'));
    expect(src.started).toBe(2);
  });

  test('a caller never joins a read already under way; the ones arriving meanwhile share the next', async () => {
    let table = 'old';
    // The answer is what the table holds when the read *starts*, as with a real snapshot.
    const starts: string[] = [];
    const src = controlledSource(() => starts.shift()!);
    const shared = new FreshRead(() => {
      starts.push(table);
      return src.read();
    });
    const first = shared.get();
    table = 'new'; // changes after the first read began
    const later = Array.from({ length: 20 }, () => shared.get());
    expect(src.started).toBe(1);
    src.finish();
    expect(await first).toBe('old');
    await flush();
    expect(src.started).toBe(2);
    src.finish();
    expect(await Promise.all(later)).toEqual(Array(20).fill('new'));
    // Idle again: the next caller starts a read of its own at once.
    const again = shared.get();
    expect(src.started).toBe(3);
    src.finish();
    await again;
  });

  test('a failed read fails its callers only; the next caller reads again', async () => {
    const src = controlledSource(() => 'ok');
    const shared = new FreshRead(src.read);
    const failed = shared.get();
    src.fail(new Error('EIO'));
    await expect(failed).rejects.toThrow('EIO');
    const next = shared.get();
    expect(src.started).toBe(2);
    src.finish();
    await expect(next).resolves.toBe('ok');
  });

  test('a read that throws at once is a rejected answer, not a thrown call', async () => {
    const shared = new FreshRead<string>(() => {
      throw new Error('EMFILE');
    });
    await expect(shared.get()).rejects.toThrow('EMFILE');
  });
});

describe('NeighbourTable', () => {
  test('an IP that moved to another MAC is answered with the new MAC as soon as the kernel holds it', async () => {
    // The kernel's table; a read returns it as it was when the read began.
    let kernel = new Map([['10.42.0.23', '02:ec:00:00:00:aa']]);
    const snapshots: Map<string, string>[] = [];
    const src = controlledSource(() => snapshots.shift()!);
    const table = new NeighbourTable({
      ipv4: () => {
        snapshots.push(new Map(kernel));
        return src.read();
      },
      ipv6: async () => new Map(),
    });
    // Device A's request starts a read; then device B takes the address (its ARP reaches the
    // kernel) and sends its own request while A's read is still under way.
    const forA = table.macOf('10.42.0.23');
    kernel = new Map([['10.42.0.23', '02:ec:00:00:00:bb']]);
    const forB = table.macOf('10.42.0.23');
    src.finish();
    expect(await forA).toBe('02:ec:00:00:00:aa');
    await flush();
    src.finish();
    expect(await forB).toBe('02:ec:00:00:00:bb');
  });

  test('no answer is kept: a later question reads again and sees an entry gone', async () => {
    let kernel = new Map([['10.42.0.23', '02:ec:00:00:00:aa']]);
    let reads = 0;
    const table = new NeighbourTable({
      ipv4: async () => {
        reads++;
        return new Map(kernel);
      },
      ipv6: async () => new Map(),
    });
    expect(await table.macOf('10.42.0.23')).toBe('02:ec:00:00:00:aa');
    kernel = new Map();
    expect(await table.macOf('10.42.0.23')).toBeNull();
    expect(reads).toBe(2);
  });

  test('IPv4-mapped and IPv6 spellings find their entries; junk reads nothing', async () => {
    const reads = { v4: 0, v6: 0 };
    const table = new NeighbourTable({
      ipv4: async () => {
        reads.v4++;
        return new Map([['10.42.0.23', '02:ec:00:00:00:10']]);
      },
      ipv6: async () => {
        reads.v6++;
        return new Map([['fd00:ec::10', '02:ec:00:00:00:16']]);
      },
    });
    expect(await table.macOf('::ffff:10.42.0.23')).toBe('02:ec:00:00:00:10');
    expect(await table.macOf('FD00:EC:0:0::10')).toBe('02:ec:00:00:00:16');
    expect(await table.macOf('10.42.0.23; reboot')).toBeNull();
    expect(await table.macOf('')).toBeNull();
    expect(reads).toEqual({ v4: 1, v6: 1 });
  });
});

describe('kernel formats', () => {
  test('/proc/net/arp: complete entries of the client interface only', () => {
    const text = [
      'IP address       HW type     Flags       HW address            Mask     Device',
      '10.42.0.23       0x1         0x2         02:EC:00:00:00:10     *        wlan0',
      '10.42.0.24       0x1         0x0         00:00:00:00:00:00     *        wlan0',
      '10.42.0.25       0x1         0x6         02:ec:00:00:00:25     *        wlan0',
      '192.0.2.1        0x1         0x2         02:fc:00:00:00:05     *        eth0',
      '10.42.0.26       0x1         0x2         not-a-mac             *        wlan0',
      'garbage',
      '',
    ].join('\n');
    expect(parseProcArp(text, 'wlan0')).toEqual(
      new Map([
        ['10.42.0.23', '02:ec:00:00:00:10'],
        ['10.42.0.25', '02:ec:00:00:00:25'],
      ]),
    );
    expect(parseProcArp(text, 'wlan1')).toEqual(new Map());
  });

  test('ip -j neigh: usable entries, canonical IPv6 keys, incomplete and failed ones left out', () => {
    const stdout = JSON.stringify([
      { dst: 'fd00:ec:0::10', lladdr: '02:EC:00:00:00:16', state: ['STALE'] },
      { dst: 'fd00:ec::11', lladdr: '02:ec:00:00:00:17', state: ['FAILED'] },
      { dst: 'fd00:ec::12', state: ['INCOMPLETE'] },
      { dst: 'fe80::1', lladdr: 'zz', state: ['REACHABLE'] },
      null,
      'x',
    ]);
    expect(parseIpNeigh(stdout)).toEqual(new Map([['fd00:ec::10', '02:ec:00:00:00:16']]));
    expect(parseIpNeigh('not json')).toEqual(new Map());
    expect(parseIpNeigh('')).toEqual(new Map());
  });
});
