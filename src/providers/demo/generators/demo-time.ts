import { DAY_MS } from '../../../common/clock.js';

/**
 * Timestamps for the demo estate, formatted without a `Date` per value: a million-resource estate
 * carries several million of them, and `new Date(ms).toISOString()` was the generators' largest single
 * cost. The text is exactly what `toISOString()` gives (UTC, milliseconds, `Z`).
 *
 * @example
 * isoAt(Date.parse('2026-11-22T00:00:00Z')); // '2026-11-22T00:00:00.000Z'
 * isoDaysAgo(Date.parse('2026-11-22T00:00:00Z'), 1.5); // '2026-11-20T12:00:00.000Z'
 * reportDaysAgo(Date.parse('2026-11-22T00:00:00Z'), 1); // '2026-11-21T00:00:00+00:00'
 */
export const isoAt = (ms: number): string => {
  const t = Math.trunc(ms);
  if (!(t >= 0 && t < YEAR_10000_MS)) return new Date(ms).toISOString();
  const days = Math.floor(t / DAY_MS);
  const rem = t - days * DAY_MS;
  const sec = (rem / 1000) | 0;
  return `${datePart(days)}${timePart(sec)}.${MS3[rem - sec * 1000] as string}Z`;
};

/** ISO-8601 for an instant `days` (fractions allowed) before `now`: the AWS APIs' own timestamp format. */
export const isoDaysAgo = (now: number, days: number): string => isoAt(now - days * DAY_MS);

/** The IAM credential report's timestamp style: seconds precision with an explicit `+00:00`. */
export const reportDaysAgo = (now: number, days: number): string => {
  const t = Math.trunc(now - days * DAY_MS);
  if (!(t >= 0 && t < YEAR_10000_MS)) return `${new Date(t).toISOString().slice(0, 19)}+00:00`;
  const d = Math.floor(t / DAY_MS);
  return `${datePart(d)}${timePart(((t - d * DAY_MS) / 1000) | 0)}+00:00`;
};

/** 10000-01-01T00:00:00Z: past it `toISOString` writes six-digit years. */
const YEAR_10000_MS = 253_402_300_800_000;

const pad = (n: number, w: number): string => String(n).padStart(w, '0');
const MS3: readonly string[] = Object.freeze(Array.from({ length: 1000 }, (_, i) => pad(i, 3)));
const TWO: readonly string[] = Object.freeze(Array.from({ length: 60 }, (_, i) => pad(i, 2)));

/** `YYYY-MM-DDT` of a day since 1970-01-01 (civil-from-days, proleptic Gregorian, years 1970–9999). */
const datePart = (days: number): string => {
  // Every intermediate fits in 32 bits for years 1970–9999, so `| 0` truncates (all are non-negative).
  const z = days + 719_468;
  const era = (z / 146_097) | 0;
  const doe = z - era * 146_097;
  const yoe = ((doe - ((doe / 1460) | 0) + ((doe / 36_524) | 0) - ((doe / 146_096) | 0)) / 365) | 0;
  const doy = doe - (365 * yoe + ((yoe / 4) | 0) - ((yoe / 100) | 0));
  const mp = ((5 * doy + 2) / 153) | 0;
  const day = doy - (((153 * mp + 2) / 5) | 0) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${year}-${TWO[month] as string}-${TWO[day] as string}T`;
};

/** `HH:MM:SS` of a second of the day. */
const timePart = (sec: number): string => {
  const h = (sec / 3600) | 0;
  const m = ((sec - h * 3600) / 60) | 0;
  return `${TWO[h] as string}:${TWO[m] as string}:${TWO[sec - h * 3600 - m * 60] as string}`;
};
