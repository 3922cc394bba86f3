import { DAY_MS } from '../../../common/clock.js';

/**
 * The credential report writes dates as ISO text and absence as words: `N/A` (never used / no key),
 * `no_information` (used before IAM tracked last use, Oct 2014), `not_supported` (root password
 * fields). Turns a cell into epoch ms, or null when it holds no date.
 *
 * @example
 * reportDate('2026-01-02T10:00:00+00:00'); // 1767348000000
 * reportDate('N/A'); // null
 */
export const reportDate = (cell: unknown): number | null => {
  if (typeof cell !== 'string' || cell.length < 10 || !/^\d{4}-\d{2}-\d{2}/.test(cell)) return null;
  const ms = Date.parse(cell);
  return Number.isNaN(ms) ? null : ms;
};

/** A report boolean cell (`"true"`/`"TRUE"`) or a real boolean. */
export const reportTrue = (cell: unknown): boolean => cell === true || (typeof cell === 'string' && cell.toLowerCase() === 'true');

/** Whole days from `ms` to `now`, rounded down. @example ageDays(now - 3.5 * DAY_MS, now) === 3 */
export const ageDays = (ms: number, now: number): number => Math.floor((now - ms) / DAY_MS);

/** The two access-key slots of a credential report row. */
export const KEY_SLOTS = [1, 2] as const;
