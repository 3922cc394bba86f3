import { UsageError } from '../common/vigil-error.js';

const UNITS: Readonly<Record<string, number>> = Object.freeze({ m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 });

/** The duration syntax of policies and config: a whole number and one unit, minutes to weeks. */
export const DURATION_PATTERN = /^([0-9]+)(m|h|d|w)$/;

/**
 * Parses `30m`, `4h`, `2d`, `1w` into milliseconds.
 *
 * @example parseDuration('2d') === 172_800_000
 * @throws UsageError `duration.invalid` naming the field when the text is not a duration.
 */
export const parseDuration = (text: string, field = 'duration'): number => {
  const m = DURATION_PATTERN.exec(String(text).trim());
  if (!m) throw new UsageError(`${field}: "${text}" is not a duration (a whole number and m, h, d or w: 30m, 4h, 2d, 1w)`, { field });
  return Number(m[1]) * UNITS[m[2]!]!;
};

/** The shortest exact spelling of a duration: 172_800_000 → `2d`, 5_400_000 → `90m`. */
export const formatDuration = (ms: number): string => {
  for (const u of ['w', 'd', 'h', 'm'] as const) if (ms > 0 && ms % UNITS[u]! === 0) return `${ms / UNITS[u]!}${u}`;
  return `${Math.round(ms / 60_000)}m`;
};
