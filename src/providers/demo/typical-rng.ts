import { Rng } from './rng.js';

/**
 * An Rng whose `chance(p)` always gives the more likely answer (true when p ≥ 0.5), drawing exactly
 * what the wrapped Rng draws so every later draw (names, ids, ages) is unchanged. Generators make a
 * resource break a control with an unlikely draw; through this Rng the same resource comes out as its
 * typical, compliant self: the demo's way of "the owner fixed it".
 *
 * @example
 * const fixed = new TypicalRng(Rng.keyed(key, 7));
 * fixed.chance(0.03); // false: the rare (violating) branch is never taken
 */
export class TypicalRng extends Rng {
  constructor(private readonly inner: Rng) {
    super(0);
  }
  override next(): number {
    return this.inner.next();
  }
  override int(min: number, max: number): number {
    return this.inner.int(min, max);
  }
  override chance(p: number): boolean {
    this.inner.next();
    return p >= 0.5;
  }
  override roll(typical: number): number {
    this.inner.next();
    return typical;
  }
  override pick<T>(items: readonly T[]): T {
    return this.inner.pick(items);
  }
  override hex(n: number): string {
    return this.inner.hex(n);
  }
  override upper(n: number): string {
    return this.inner.upper(n);
  }
}
