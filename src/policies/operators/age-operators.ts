import { Type } from '@sinclair/typebox';
import { DAY_MS } from '../../common/clock.js';
import { canonicalInstant } from './iso-instant.js';
import type { OperatorDefinition } from './operator.js';

/** A timestamp in epoch ms: ISO-8601 strings and epoch-ms numbers; anything else ("N/A", "no_information") is no date. */
const instant = (a: unknown): number | undefined => {
  if (typeof a === 'number' && Number.isFinite(a)) return a;
  if (typeof a !== 'string') return undefined;
  const fast = canonicalInstant(a);
  if (fast !== undefined) return Number.isNaN(fast) ? undefined : fast;
  if (!/^\d{4}-\d{2}-\d{2}/.test(a)) return undefined;
  const t = Date.parse(a);
  return Number.isNaN(t) ? undefined : t;
};

export const ageDaysGt: OperatorDefinition<number> = {
  name: 'age-days-gt',
  description: 'A timestamp more than N days before the scan. Values that are not dates ("N/A") never match.',
  operand: Type.Number({ minimum: 0 }),
  compile: (days) => (a, env) => {
    const t = instant(a);
    return t !== undefined && env.now - t > days * DAY_MS;
  },
  describe: (d) => `more than ${d} days old`,
  expected: (d) => `at most ${d} days old`,
  example: { operand: 90, matches: ['2000-01-01T00:00:00Z'], misses: ['2999-01-01T00:00:00Z', 'N/A', undefined] },
};

export const ageDaysLt: OperatorDefinition<number> = {
  name: 'age-days-lt',
  description: 'A timestamp less than N days before the scan (or in the future). Values that are not dates never match.',
  operand: Type.Number({ minimum: 0 }),
  compile: (days) => (a, env) => {
    const t = instant(a);
    return t !== undefined && env.now - t < days * DAY_MS;
  },
  describe: (d) => `less than ${d} days old`,
  expected: (d) => `at least ${d} days old`,
  example: { operand: 1, matches: ['2999-01-01T00:00:00Z'], misses: ['2000-01-01T00:00:00Z', 'no_information'] },
};

export const ageOperators = [ageDaysGt, ageDaysLt];
