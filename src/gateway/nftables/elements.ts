// Reads the client sets back from `nft -j list table`: each element's key (as the rule-set
// writes it) with its byte counter. Values read back are validated like any other input.

import { z } from 'zod';
import { CLIENT_SETS, type ClientSet } from './client-elements';
import { TABLE_NAME } from './nft-values';

const counter = z.object({ packets: z.number(), bytes: z.number() });
const value = z.union([z.string(), z.object({ concat: z.array(z.string()) })]);
const element = z.union([
  value,
  z.object({ elem: z.object({ val: value, counter: counter.optional(), expires: z.number().optional() }) }),
]);
const listing = z.object({
  nftables: z.array(
    z.union([
      z.object({
        set: z.object({ name: z.string(), table: z.string(), elem: z.array(element).optional() }),
      }),
      z.record(z.string(), z.unknown()),
    ]),
  ),
});

export interface ElementCounter {
  bytes: number;
}

const CLIENT_SET_NAMES = new Set<string>(Object.values(CLIENT_SETS));

/** Per client set, its elements by key (`mac . ip` or `ip`) and their byte counters. */
export function parseClientSets(json: string): Map<ClientSet, Map<string, ElementCounter>> {
  const parsed = listing.parse(JSON.parse(json));
  const out = new Map<ClientSet, Map<string, ElementCounter>>();
  for (const name of CLIENT_SET_NAMES) out.set(name as ClientSet, new Map());
  for (const item of parsed.nftables) {
    if (!('set' in item)) continue;
    const set = item.set as { name: string; table: string; elem?: z.infer<typeof element>[] };
    if (set.table !== TABLE_NAME || !CLIENT_SET_NAMES.has(set.name)) continue;
    const elems = out.get(set.name as ClientSet)!;
    for (const e of set.elem ?? []) {
      const inner = typeof e === 'object' && 'elem' in e ? e.elem : { val: e, counter: undefined };
      const key = typeof inner.val === 'string' ? inner.val : inner.val.concat.join(' . ');
      elems.set(key, { bytes: inner.counter?.bytes ?? 0 });
    }
  }
  return out;
}

/** Addresses holding an entry in the bandwidth maps (`bw_up4`, `bw_down6`, …). */
export function parseBandwidthEntries(json: string): Set<string> {
  const parsed = listing.parse(JSON.parse(json));
  const out = new Set<string>();
  for (const item of parsed.nftables) {
    const map = (item as { map?: { name?: unknown; table?: unknown; elem?: unknown } }).map;
    if (
      !map ||
      map.table !== TABLE_NAME ||
      typeof map.name !== 'string' ||
      !/^bw_(up|down)[46]$/.test(map.name)
    ) {
      continue;
    }
    for (const pair of Array.isArray(map.elem) ? map.elem : []) {
      const k: unknown = Array.isArray(pair) ? pair[0] : null;
      const val = typeof k === 'string' ? k : (k as { elem?: { val?: unknown } } | null)?.elem?.val;
      if (typeof val === 'string') out.add(val);
    }
  }
  return out;
}
