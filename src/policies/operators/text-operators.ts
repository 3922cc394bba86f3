import { isDeepStrictEqual } from 'node:util';
import { Type } from '@sinclair/typebox';
import type { OperatorDefinition } from './operator.js';
import { showValue } from './show-value.js';

export const matches: OperatorDefinition<string> = {
  name: 'matches',
  description: 'A string that matches the regular expression (JavaScript syntax, unanchored: use ^…$ for a whole match).',
  operand: Type.String(),
  compile: (pattern) => {
    let re: RegExp;
    try {
      re = new RegExp(pattern);
    } catch (e) {
      throw new Error(`invalid regular expression ${JSON.stringify(pattern)}: ${(e as Error).message}`);
    }
    return (a) => typeof a === 'string' && re.test(a);
  },
  describe: (p) => `matches /${p}/`,
  expected: (p) => `does not match /${p}/`,
  example: { operand: '^TLS-1-[23]', matches: ['TLS-1-2-2017-01'], misses: ['TLS-1-0-2015-04', undefined, 12] },
};

export const contains: OperatorDefinition<unknown> = {
  name: 'contains',
  description: 'A list that contains the value, or a string that contains the text.',
  operand: Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null(), Type.Object({})]),
  compile: (x) => (a) => {
    if (typeof a === 'string') return typeof x === 'string' && a.includes(x);
    if (Array.isArray(a)) return a.some((e) => e === x || isDeepStrictEqual(e, x));
    return false;
  },
  describe: (x) => `contains ${showValue(x)}`,
  expected: (x) => `does not contain ${showValue(x)}`,
  example: { operand: 'kms', matches: ['aws:kms', ['kms', 'x']], misses: ['AES256', [], undefined] },
};

export const textOperators = [matches, contains];
