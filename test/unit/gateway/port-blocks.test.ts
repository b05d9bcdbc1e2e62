// The NAT port-block allocator: the plan's checks, deterministic blocks, no block held twice,
// release, the block recorded on a session kept across a restart, and exhaustion.

import { blockCount, planProblem, PortBlocks } from '../../../src/gateway/nftables/port-blocks';

const DEFAULT = { firstPort: 1024, lastPort: 65535, blockSize: 1024 };

describe('plan', () => {
  test('the default range holds 63 blocks of 1024 ports, 62 for clients', () => {
    expect(planProblem(DEFAULT)).toBeNull();
    expect(blockCount(DEFAULT)).toBe(63);
    expect(new PortBlocks(DEFAULT).capacity).toBe(62);
  });

  test('ports left over at the top are not used', () => {
    const plan = { firstPort: 1024, lastPort: 65535, blockSize: 2048 };
    expect(blockCount(plan)).toBe(31);
    const blocks = new PortBlocks(plan);
    expect(blocks.block(30)).toEqual({ index: 30, first: 62464, last: 64511 });
    expect(() => blocks.block(31)).toThrow('no block 31');
  });

  test.each([
    [{ firstPort: 1024, lastPort: 65535, blockSize: 32 }, /too small \(at least 64\)/],
    [{ firstPort: 1024, lastPort: 2000, blockSize: 1024 }, /holds 0 block\(s\) of 1024 ports; at least 2/],
    [{ firstPort: 10000, lastPort: 12000, blockSize: 1024 }, /holds 1 block\(s\)/],
    [{ firstPort: 80, lastPort: 65535, blockSize: 1024 }, /within 1024-65535/],
    [{ firstPort: 5000, lastPort: 4000, blockSize: 64 }, /end after it starts/],
    [{ firstPort: 1024, lastPort: 70000, blockSize: 64 }, /within 1024-65535/],
  ])('refuses %j', (plan, message) => {
    expect(planProblem(plan)).toMatch(message);
    expect(() => new PortBlocks(plan)).toThrow(message);
  });
});

describe('allocation', () => {
  test('block 0 is kept for devices not logged in; clients get the lowest free block', () => {
    const b = new PortBlocks(DEFAULT);
    expect(b.shared()).toEqual({ index: 0, first: 1024, last: 2047 });
    expect(b.assign('10.42.0.10')).toEqual({ index: 1, first: 2048, last: 3071 });
    expect(b.assign('10.42.0.11')).toEqual({ index: 2, first: 3072, last: 4095 });
    expect(b.inUse).toBe(2);
  });

  test('assigning again gives the same block; two owners never share one', () => {
    const b = new PortBlocks(DEFAULT);
    const first = b.assign('a')!;
    expect(b.assign('a')).toEqual(first);
    expect(b.assign('a', { first: 9216, last: 10239 })).toEqual(first);
    const all = ['b', 'c', 'd', 'e'].map((o) => b.assign(o)!.index);
    expect(new Set([first.index, ...all]).size).toBe(5);
  });

  test('a released block is given again, lowest first', () => {
    const b = new PortBlocks(DEFAULT);
    b.assign('a');
    b.assign('b');
    b.assign('c');
    b.release('a');
    b.release('a');
    expect(b.heldBy('a')).toBeNull();
    expect(b.assign('d')!.index).toBe(1);
    expect(b.held().map(([o, blk]) => [o, blk.index])).toEqual([
      ['d', 1],
      ['b', 2],
      ['c', 3],
    ]);
  });

  test('after a restart the recorded blocks are claimed back, whatever the order', () => {
    const before = new PortBlocks(DEFAULT);
    before.assign('a');
    const bBlock = before.assign('b')!;
    before.assign('c');
    before.release('a');
    // A new process: the sessions come back from the store with their recorded blocks.
    const after = new PortBlocks(DEFAULT);
    expect(after.assign('b', bBlock)).toEqual(bBlock);
    expect(after.assign('newcomer')!.index).toBe(1);
  });

  test('a recorded block that is taken, is the shared block or is not one of this plan is not used', () => {
    const b = new PortBlocks(DEFAULT);
    const a = b.assign('a')!;
    expect(b.assign('b', a)!.index).toBe(2);
    expect(b.assign('c', { first: 1024, last: 2047 })!.index).toBe(3);
    expect(b.assign('d', { first: 5000, last: 6023 })!.index).toBe(4);
    expect(b.assign('e', { first: 10240, last: 10300 })!.index).toBe(5);
    expect(b.find(10240, 11263)).toEqual({ index: 9, first: 10240, last: 11263 });
  });

  test('when every block is held, nothing is given (the caller refuses)', () => {
    const b = new PortBlocks({ firstPort: 1024, lastPort: 1024 + 4 * 64 - 1, blockSize: 64 });
    expect(b.capacity).toBe(3);
    expect(['a', 'b', 'c'].map((o) => b.assign(o)?.index)).toEqual([1, 2, 3]);
    expect(b.assign('d')).toBeNull();
    b.release('b');
    expect(b.assign('d')).toEqual({ index: 2, first: 1152, last: 1215 });
  });
});
