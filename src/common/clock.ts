/**
 * Time source for all domain code: nothing in Vigil calls `Date.now()` directly, so a simulated
 * clock can play two weeks of reminders in seconds and tests can pin "now".
 *
 * @example
 * const clock = new ManualClock('2026-01-01T00:00:00Z');
 * clock.advance(2 * DAY_MS);
 * clock.now().toISOString(); // '2026-01-03T00:00:00.000Z'
 */
export interface Clock {
  now(): Date;
}

export const DAY_MS = 86_400_000;

/** The wall clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to (tests, simulations). */
export class ManualClock implements Clock {
  #ms: number;
  constructor(start: Date | string | number) {
    this.#ms = new Date(start).getTime();
    if (Number.isNaN(this.#ms)) throw new TypeError(`ManualClock: invalid start time ${String(start)}`);
  }
  now(): Date {
    return new Date(this.#ms);
  }
  advance(ms: number): Date {
    this.#ms += ms;
    return this.now();
  }
  set(to: Date | string | number): void {
    this.#ms = new Date(to).getTime();
  }
}

/** ISO-8601 text in UTC with milliseconds: the one timestamp format stored and exchanged. */
export const iso = (d: Date): string => d.toISOString();
