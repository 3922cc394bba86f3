import { UsageError } from '../common/vigil-error.js';

/**
 * A whole-number flag, checked with words that say what is wrong: not a number, a fraction, or out
 * of range (`--size -5` is a negative number, not "not a whole number").
 *
 * @example
 * integerFlag('size', '-5', { min: 1 }); // throws: --size must be at least 1, found -5
 * integerFlag('port', '8080', { min: 0, max: 65535 }); // 8080
 */
export const integerFlag = (name: string, v: string | undefined, range: { min?: number; max?: number } = {}): number | undefined => {
  if (v === undefined) return undefined;
  const text = v.trim();
  if (!/^[+-]?\d+(\.\d+)?$/.test(text)) throw new UsageError(`--${name} must be a whole number, found "${v}"`);
  const n = Number(text);
  if (!Number.isInteger(n)) throw new UsageError(`--${name} must be a whole number, found ${text} (a fraction)`);
  if (!Number.isSafeInteger(n)) throw new UsageError(`--${name} is too large: ${text}`);
  if (range.min !== undefined && n < range.min) throw new UsageError(`--${name} must be at least ${range.min}, found ${n}`);
  if (range.max !== undefined && n > range.max) throw new UsageError(`--${name} must be at most ${range.max.toLocaleString('en-US')}, found ${n}`);
  return n;
};

/** The bounds every command applies to the same flags (the config schema's own limits). */
export const FLAG_RANGES = {
  size: { min: 1, max: 10_000_000 },
  seed: { min: 0, max: Number.MAX_SAFE_INTEGER },
  port: { min: 0, max: 65_535 },
} as const;
