// The compact matcher: names as sorted 64-bit fingerprints, each with a rule word (a bitmask of
// categories, plus an allow bit), in typed arrays. About 10 bytes a name; no strings, no GC load.
// `NameTableBuilder` collects names (deduplicating, OR-ing rule words); `compile` sorts them.

import { SuffixFingerprints } from './fingerprint';

/** Rule word: bits 0–30 are category indexes, bit 31 says "allow" (whitelist). */
export const ALLOW_BIT = 0x80000000;
export const MAX_CATEGORIES = 31;
const BUCKET_BITS = 16;
const BUCKETS = 1 << BUCKET_BITS;

export interface NameTableArrays {
  /** Distinct rule words; `combo[i]` indexes this. */
  combos: Uint32Array;
  /** index[b] = first position whose hi >>> 16 is ≥ b; index[65536] = count. */
  index: Uint32Array;
  hi: Uint32Array;
  lo: Uint32Array;
  combo: Uint16Array;
}

export class NameTable {
  constructor(private readonly a: NameTableArrays) {}

  get count(): number {
    return this.a.hi.length;
  }

  get arrays(): NameTableArrays {
    return this.a;
  }

  /** Bytes held by the typed arrays. */
  get byteSize(): number {
    const { combos, index, hi, lo, combo } = this.a;
    return combos.byteLength + index.byteLength + hi.byteLength + lo.byteLength + combo.byteLength;
  }

  /** The rule word of the fingerprint, or -1 when the name is not in the table. */
  lookup(h: number, l: number): number {
    const { index, hi, lo, combo, combos } = this.a;
    const bucket = h >>> BUCKET_BITS;
    let low = index[bucket]!;
    let high = index[bucket + 1]! - 1;
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const mh = hi[mid]!;
      if (mh < h || (mh === h && lo[mid]! < l)) low = mid + 1;
      else if (mh === h && lo[mid] === l) return combos[combo[mid]!]!;
      else high = mid - 1;
    }
    return -1;
  }

  /** The rule word of the most specific of the name and its parents, and its depth (0 = itself). */
  match(fp: SuffixFingerprints): { word: number; depth: number } | null {
    for (let k = 0; k < fp.count; k++) {
      const w = this.lookup(fp.hi[k]!, fp.lo[k]!);
      if (w !== -1) return { word: w >>> 0, depth: k };
    }
    return null;
  }

  static empty(): NameTable {
    return new NameTableBuilder().compile();
  }
}

/** Open-addressing set of fingerprints with their rule words, grown as names arrive. */
export class NameTableBuilder {
  private cap = 1 << 16;
  private keysHi = new Uint32Array(this.cap);
  private keysLo = new Uint32Array(this.cap);
  private words = new Uint32Array(this.cap);
  private size = 0;
  private readonly fp = new SuffixFingerprints();

  get count(): number {
    return this.size;
  }

  add(name: string, word: number): void {
    this.fp.compute(name);
    this.addFingerprint(this.fp.hi[0]!, this.fp.lo[0]!, word);
  }

  /** Adds the name with no rule; false when it was there already (a compact "seen" set). */
  addIfAbsent(name: string): boolean {
    const before = this.size;
    this.add(name, 0);
    return this.size > before;
  }

  addFingerprint(h: number, l: number, word: number): void {
    if (this.size * 10 >= this.cap * 7) this.grow();
    const mask = this.cap - 1;
    let i = (l ^ Math.imul(h, 0x9e3779b1)) & mask;
    for (;;) {
      const kh = this.keysHi[i]!;
      if (kh === 0) {
        this.keysHi[i] = h;
        this.keysLo[i] = l;
        this.words[i] = word;
        this.size++;
        return;
      }
      if (kh === h && this.keysLo[i] === l) {
        this.words[i] = (this.words[i]! | word) >>> 0;
        return;
      }
      i = (i + 1) & mask;
    }
  }

  private grow(): void {
    const { keysHi, keysLo, words } = this;
    this.cap *= 2;
    this.keysHi = new Uint32Array(this.cap);
    this.keysLo = new Uint32Array(this.cap);
    this.words = new Uint32Array(this.cap);
    this.size = 0;
    for (let i = 0; i < keysHi.length; i++) {
      if (keysHi[i] !== 0) this.addFingerprint(keysHi[i]!, keysLo[i]!, words[i]!);
    }
  }

  /**
   * Sorts the fingerprints (natively, as 64-bit integers) and builds the lookup arrays. The
   * builder is spent afterwards: its hash set is dropped as soon as every rule word has been
   * read, before the final arrays are made, so the peak of a 5 M-name build holds the set,
   * the sorted keys and the combo column, never those and the final arrays at once.
   */
  compile(): NameTable {
    const n = this.size;
    const keys = new BigUint64Array(n);
    const halves = new Uint32Array(keys.buffer); // little-endian: [lo, hi] per key
    let j = 0;
    for (let i = 0; i < this.cap; i++) {
      if (this.keysHi[i] !== 0) {
        halves[2 * j] = this.keysLo[i]!;
        halves[2 * j + 1] = this.keysHi[i]!;
        j++;
      }
    }
    keys.sort();
    const combo = new Uint16Array(n);
    const comboOf = new Map<number, number>();
    const combos: number[] = [];
    for (let k = 0; k < n; k++) {
      const word = this.wordOf(halves[2 * k + 1]!, halves[2 * k]!);
      let c = comboOf.get(word);
      if (c === undefined) {
        c = combos.length;
        if (c > 0xffff) throw new Error('more than 65 536 distinct category combinations');
        combos.push(word);
        comboOf.set(word, c);
      }
      combo[k] = c;
    }
    this.release();
    const hi = new Uint32Array(n);
    const lo = new Uint32Array(n);
    const index = new Uint32Array(BUCKETS + 1);
    let bucket = 0;
    for (let k = 0; k < n; k++) {
      const h = halves[2 * k + 1]!;
      hi[k] = h;
      lo[k] = halves[2 * k]!;
      while (bucket <= h >>> BUCKET_BITS) index[bucket++] = k;
    }
    while (bucket <= BUCKETS) index[bucket++] = n;
    return new NameTable({ combos: Uint32Array.from(combos), index, hi, lo, combo });
  }

  /** Drops the hash set (a builder is used once). */
  private release(): void {
    this.cap = 1;
    this.keysHi = new Uint32Array(1);
    this.keysLo = new Uint32Array(1);
    this.words = new Uint32Array(1);
    this.size = 0;
  }

  private wordOf(h: number, l: number): number {
    const mask = this.cap - 1;
    let i = (l ^ Math.imul(h, 0x9e3779b1)) & mask;
    while (this.keysHi[i] !== h || this.keysLo[i] !== l) i = (i + 1) & mask;
    return this.words[i]!;
  }
}
