import type { TSchema } from '@sinclair/typebox';

/** Facts the operators may need at evaluation time, fixed for one scan. */
export interface EvalEnv {
  /** Scan time in epoch ms (from the Clock), for age operators. */
  now: number;
}

/** A value test compiled once: `actual` is the field's value (undefined when missing). */
export type ValueTest = (actual: unknown, env: EvalEnv) => boolean;

/**
 * One comparison operator of the condition language. Adding an operator is one file plus one line
 * in `operator-registry.ts`; the policy JSON Schema picks it up from `operand`.
 *
 * @example
 * export const gt: OperatorDefinition<number> = {
 *   name: 'gt', description: 'Greater than a number.', operand: Type.Number(),
 *   compile: (n) => (a) => typeof a === 'number' && a > n,
 *   describe: (n) => `> ${n}`,
 *   expected: (n) => `≤ ${n}`,
 *   example: { operand: 3, matches: [4], misses: [3, '4', undefined] },
 * };
 */
export interface OperatorDefinition<T = unknown> {
  name: string;
  description: string;
  /** Schema of the operand as written in YAML (a `{ param: name }` reference is also accepted). */
  operand: TSchema;
  /** Turns the operand into a test; throws an Error with a person-readable message on a bad operand. */
  compile(operand: T): ValueTest;
  /** What a match means, said to a person: `lt: 14` → "< 14". */
  describe(operand: T): string;
  /** The compliant state, said to a person (the violation is the operator matching): `lt: 14` → "≥ 14". */
  expected(operand: T): string;
  /** A worked example checked by the meta-test: the test matches every `matches` value and no `misses` value. */
  example: { operand: T; matches: unknown[]; misses: unknown[] };
}
