import { isDeepStrictEqual } from 'node:util';
import { Type } from '@sinclair/typebox';
import type { OperatorDefinition } from './operator.js';
import { showValue } from './show-value.js';

const Scalar = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);
const Any = Type.Unknown();

const same = (a: unknown, b: unknown): boolean =>
  a === b || (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null && isDeepStrictEqual(a, b));

export const eq: OperatorDefinition<unknown> = {
  name: 'eq',
  description: 'Equals the operand (deep equality for lists and objects).',
  operand: Any,
  // A scalar operand equals only itself: skip the deep-equality branch on every call.
  compile: (x) => (x === null || typeof x !== 'object' ? (a) => a === x : (a) => same(a, x)),
  describe: (x) => `= ${showValue(x)}`,
  expected: (x) => `≠ ${showValue(x)}`,
  example: { operand: 'Enabled', matches: ['Enabled'], misses: ['Suspended', undefined, null] },
};

export const ne: OperatorDefinition<unknown> = {
  name: 'ne',
  description: 'Differs from the operand; a missing field differs from everything.',
  operand: Any,
  compile: (x) => (x === null || typeof x !== 'object' ? (a) => a !== x : (a) => !same(a, x)),
  describe: (x) => `≠ ${showValue(x)}`,
  expected: (x) => `= ${showValue(x)}`,
  example: { operand: true, matches: [false, undefined, 'true'], misses: [true] },
};

export const inList: OperatorDefinition<unknown[]> = {
  name: 'in',
  description: 'Is one of the listed values.',
  operand: Type.Array(Scalar),
  compile: (xs) => {
    const set = new Set(xs);
    // An empty list (a default exemption list) matches nothing: skip hashing a million ids.
    if (set.size === 0) return () => false;
    return (a) => set.has(a as never);
  },
  describe: (xs) => `one of ${showValue(xs)}`,
  expected: (xs) => `not one of ${showValue(xs)}`,
  example: { operand: ['public', 'private'], matches: ['public'], misses: ['confidential', undefined] },
};

export const notIn: OperatorDefinition<unknown[]> = {
  name: 'not-in',
  description: 'Is none of the listed values; a missing field is none of them.',
  operand: Type.Array(Scalar),
  compile: (xs) => {
    const set = new Set(xs);
    // An empty list (a default exemption list) excludes nothing: skip hashing a million ids.
    if (set.size === 0) return () => true;
    return (a) => !set.has(a as never);
  },
  describe: (xs) => `not one of ${showValue(xs)}`,
  expected: (xs) => `one of ${showValue(xs)}`,
  example: { operand: ['public', 'private', 'confidential'], matches: ['secret', undefined], misses: ['private'] },
};

export const exists: OperatorDefinition<boolean> = {
  name: 'exists',
  description: 'With true: the field is present and not null. With false: the same as `absent: true`.',
  operand: Type.Boolean(),
  compile: (want) => (a) => (a !== undefined && a !== null) === want,
  describe: (want) => (want ? 'present' : 'missing'),
  expected: (want) => (want ? 'missing' : 'present'),
  example: { operand: true, matches: [0, '', false, []], misses: [undefined, null] },
};

export const absent: OperatorDefinition<boolean> = {
  name: 'absent',
  description: 'With true: the field is missing or null. With false: the same as `exists: true`.',
  operand: Type.Boolean(),
  compile: (want) => (a) => (a === undefined || a === null) === want,
  describe: (want) => (want ? 'missing' : 'present'),
  expected: (want) => (want ? 'present' : 'missing'),
  example: { operand: true, matches: [undefined, null], misses: [0, '', 'x'] },
};

export const equalityOperators = [eq, ne, inList, notIn, exists, absent];
