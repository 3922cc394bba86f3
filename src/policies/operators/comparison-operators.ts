import { Type } from '@sinclair/typebox';
import { canonicalInstant } from './iso-instant.js';
import type { OperatorDefinition, ValueTest } from './operator.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Dates compare as instants; numbers as numbers; never a number with a string. */
const comparable = (operand: number | string): ((a: unknown) => number | undefined) => {
  if (typeof operand === 'number') return (a) => (typeof a === 'number' ? a : undefined);
  return (a) => {
    if (typeof a !== 'string') return undefined;
    const fast = canonicalInstant(a);
    if (fast !== undefined) return Number.isNaN(fast) ? undefined : fast;
    if (!ISO_DATE.test(a)) return undefined;
    const t = Date.parse(a);
    return Number.isNaN(t) ? undefined : t;
  };
};

const operandValue = (operand: number | string): number => {
  if (typeof operand === 'number') return operand;
  const t = ISO_DATE.test(operand) ? Date.parse(operand) : Number.NaN;
  if (Number.isNaN(t)) throw new Error(`expected a number or an ISO-8601 date, got "${operand}"`);
  return t;
};

const Operand = Type.Union([Type.Number(), Type.String()]);

const comparison = (
  name: string,
  symbol: string,
  opposite: string,
  cmp: (a: number, b: number) => boolean,
  example: OperatorDefinition<number | string>['example'],
): OperatorDefinition<number | string> => ({
  name,
  description: `Compares ${symbol} a number, or ${symbol} an ISO-8601 date (as instants). Values of another type never match.`,
  operand: Operand,
  compile: (operand): ValueTest => {
    const b = operandValue(operand);
    const read = comparable(operand);
    return (a) => {
      const x = read(a);
      return x !== undefined && cmp(x, b);
    };
  },
  describe: (x) => `${symbol} ${x}`,
  expected: (x) => `${opposite} ${x}`,
  example,
});

export const gt = comparison('gt', '>', '≤', (a, b) => a > b, { operand: 7, matches: [8], misses: [7, '8', undefined] });
export const gte = comparison('gte', '≥', '<', (a, b) => a >= b, { operand: 7, matches: [7, 8], misses: [6, null] });
export const lt = comparison('lt', '<', '≥', (a, b) => a < b, { operand: 35, matches: [0, 34], misses: [35, '1'] });
export const lte = comparison('lte', '≤', '>', (a, b) => a <= b, {
  operand: '2026-01-01',
  matches: ['2025-12-31T23:59:59Z', '2026-01-01'],
  misses: ['2026-01-02', 20251231, 'N/A'],
});

export const comparisonOperators = [gt, gte, lt, lte];
