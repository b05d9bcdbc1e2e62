// 64-bit fingerprints of names, as two 32-bit halves, computed right to left so that one pass
// over a name gives the fingerprint of the name and of every parent ("a.b.c", "b.c", "c").
// 5 million names in 2^64 values: a false match is about one chance in 3·10^12 per query.

const MAX_LABELS = 128;

/** Computes suffix fingerprints into its own arrays (reused: no allocation per query). */
export class SuffixFingerprints {
  readonly hi = new Uint32Array(MAX_LABELS);
  readonly lo = new Uint32Array(MAX_LABELS);
  /** How many suffixes the last call produced; index 0 is the whole name. */
  count = 0;
  private readonly revHi = new Uint32Array(MAX_LABELS);
  private readonly revLo = new Uint32Array(MAX_LABELS);

  compute(name: string): number {
    let a = 0x811c9dc5 | 0;
    let b = 0x3c6ef372 | 0;
    let n = 0;
    for (let i = name.length - 1; i >= 0 && n < MAX_LABELS - 1; i--) {
      const c = name.charCodeAt(i);
      if (c === 46 /* . */) {
        this.revHi[n] = finalHi(a, b);
        this.revLo[n] = finalLo(a, b);
        n++;
      }
      a = Math.imul(a ^ c, 0x01000193);
      b = (Math.imul(((b << 5) | (b >>> 27)) ^ c, 0x27d4eb2d) + 0x165667b1) | 0;
    }
    this.revHi[n] = finalHi(a, b);
    this.revLo[n] = finalLo(a, b);
    n++;
    for (let k = 0; k < n; k++) {
      this.hi[k] = this.revHi[n - 1 - k]!;
      this.lo[k] = this.revLo[n - 1 - k]!;
    }
    this.count = n;
    return n;
  }
}

/** The fingerprint of one whole name, as [hi, lo]. */
export function fingerprint(name: string): [number, number] {
  const f = new SuffixFingerprints();
  f.compute(name);
  return [f.hi[0]!, f.lo[0]!];
}

function finalHi(a: number, b: number): number {
  // 0 is reserved for empty slots in hash tables; a real name never gets hi = 0.
  return fmix(a ^ Math.imul(b, 0x9e3779b1)) || 1;
}

function finalLo(a: number, b: number): number {
  return fmix((b + Math.imul(a, 0x85ebca77)) | 0);
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
