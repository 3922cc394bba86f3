/**
 * A small deterministic PRNG (mulberry32) seeded from a string, so the demo estate is the same for
 * the same `--seed` on every machine. Not for anything secret.
 *
 * @example
 * const r = new Rng('42/aws.s3.bucket/111122223333/eu-west-1/7');
 * r.int(1, 6); // always the same die roll for that key
 */
export class Rng {
  #state: number;
  constructor(seed: string | number) {
    this.#state = typeof seed === 'number' ? seed >>> 0 : hashString(seed);
  }

  /**
   * The Rng `new Rng(prefix + index)` would be, from `hashString(prefix)`: a million-resource estate
   * hashes each `seed/type/account/region/` prefix once instead of building and hashing a string per
   * resource.
   *
   * @example
   * const key = hashString(`42/aws.s3.bucket/111122223333/eu-west-1/`);
   * Rng.keyed(key, 7).next() === new Rng('42/aws.s3.bucket/111122223333/eu-west-1/7').next(); // true
   */
  static keyed(prefixHash: number, index: number): Rng {
    const r = new Rng(0);
    r.#state = hashIndex(prefixHash, index);
    return r;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.#u32() / 4294967296;
  }
  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /**
   * One draw that picks among a resource's rare (violating) branches and its typical one, by ranges
   * of [0, 1): `typical` is a value in the typical branch's range. Through `TypicalRng` (the demo's
   * "owner fixed it", and what an enforcement on the demo estate shows) it is that value, so every
   * violating branch a roll decides can be fixed, not only those `chance()` decides.
   *
   * @example
   * const r = rng.roll(0.5); // < 0.03: SSH open to the world; ≥ 0.2: nothing extra (typical)
   */
  roll(typical: number): number {
    void typical;
    return this.next();
  }
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('Rng.pick: empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }
  /** Lowercase hex string of n characters (fake ids, key ids). */
  hex(n: number): string {
    // One draw per 8 characters, as `toString(16).padStart(8, '0')` of each draw, from a byte table.
    let s = '';
    for (let left = n; left > 0; left -= 8) {
      const w = hex8(this.#u32());
      s += left >= 8 ? w : w.slice(0, left);
    }
    return s;
  }
  /** Uppercase alphanumerics (access key ids and the like). */
  upper(n: number): string {
    // One draw per character (its top five bits, i.e. floor(next() * 32)), appended two at a time.
    let s = '';
    let i = 0;
    for (; i + 1 < n; i += 2) s += UPPER_PAIRS[((this.#u32() >>> 27) << 5) | (this.#u32() >>> 27)];
    if (i < n) s += UPPER[this.#u32() >>> 27];
    return s;
  }

  /** The next raw 32-bit draw (mulberry32); `next()` is this over 2^32. */
  #u32(): number {
    let t = (this.#state = (this.#state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
}

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const UPPER_PAIRS: readonly string[] = Object.freeze(Array.from({ length: 1024 }, (_, i) => `${UPPER[i >> 5] as string}${UPPER[i & 31] as string}`));
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * FNV-1a 32-bit. `from` continues a hash: `hashString(b, hashString(a)) === hashString(a + b)`, so a
 * caller can hash a shared prefix once.
 */
export const hashString = (s: string, from: number = FNV_OFFSET): number => {
  let h = from;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
};

/** `hashString(String(index), from)` without making the string, for the non-negative integers ids use. */
export const hashIndex = (from: number, index: number): number => {
  if (!Number.isSafeInteger(index) || index < 0) return hashString(String(index), from);
  let p = 1;
  while (p * 10 <= index) p *= 10;
  let h = from;
  for (; p >= 1; p /= 10) {
    h ^= 48 + (Math.floor(index / p) % 10);
    h = Math.imul(h, FNV_PRIME);
  }
  return h >>> 0;
};

const HEX_BYTES: readonly string[] = Object.freeze(Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0')));

/** `u.toString(16).padStart(8, '0')` for a 32-bit unsigned integer, from a byte table. */
export const hex8 = (u: number): string =>
  (HEX_BYTES[u >>> 24] as string) + (HEX_BYTES[(u >>> 16) & 255] as string) + (HEX_BYTES[(u >>> 8) & 255] as string) + (HEX_BYTES[u & 255] as string);
