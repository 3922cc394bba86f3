import type { Resource } from '../../inventory/resource.js';
import type { FilterContext } from '../filters/named-filter.js';
import type { EvalEnv, ValueTest } from '../operators/operator.js';
import type { FieldPath } from './field-path.js';

/** A condition's decision: whether `base` (the config, or an array element) violates it. */
export type Holds = (base: unknown, resource: Resource, ctx: FilterContext) => boolean;

/**
 * Writes a decision as JavaScript. The text holds only fixed syntax, the names `b` (base), `r`
 * (resource), `ctx`, `v` (scratch) and `k<n>`: every key, operand and function is a constant of the
 * pool (`constant`), bound to `k<n>` from an array, never written into the text — a policy's strings
 * cannot become code.
 */
export interface HoldsEmitter {
  /** `k<n>`, the name of the pool slot holding `x`. */
  constant(x: unknown): string;
}

/** How a condition node writes its decision (an expression in `b`, `r`, `ctx`). */
export type Emit = (e: HoldsEmitter) => string;

/** A node whose decision is only its closure: a call to it. */
export const emitCall =
  (holds: Holds): Emit =>
  (e) =>
    `${e.constant(holds)}(b, r, ctx)`;

/** Reading a field with no `[*]` (a tag, a key path, or anything else through the path object). */
const emitRead = (path: FieldPath, e: HoldsEmitter): string => {
  if (path.tag !== undefined) return `r.tags[${e.constant(path.tag)}]`;
  if (path.special) return `${e.constant(path.special)}(r)`;
  const keys = path.keys;
  if (!keys || keys.length === 0) return `${e.constant(path)}.get(b, r)`;
  // FieldPath.get: undefined as soon as a step meets null or a non-object.
  let out = '(v = b';
  for (const k of keys) out += `, v !== null && typeof v === 'object' ? (v = v[${e.constant(k)}]) : (v = undefined)`;
  return `${out})`;
};

/** A value test on one field (`T(read, ctx)`), or on every value a `[*]` path reaches (`P.some(…)`). */
export const emitValueTest =
  (path: FieldPath, test: ValueTest, whenNone: (env: EvalEnv) => boolean): Emit =>
  (e) =>
    path.many ? `${e.constant(path)}.some(b, r, ${e.constant(test)}, ctx, ${e.constant(whenNone)})` : `${e.constant(test)}(${emitRead(path, e)}, ctx)`;

export const emitAll =
  (children: readonly Emit[]): Emit =>
  (e) =>
    `(${children.map((c) => c(e)).join(' && ')})`;

export const emitAny =
  (children: readonly Emit[]): Emit =>
  (e) =>
    `(${children.map((c) => c(e)).join(' || ')})`;

export const emitNot =
  (inner: Emit): Emit =>
  (e) =>
    `!${inner(e)}`;

/**
 * One function for a whole condition: V8 then sees each test at its own call site (one target,
 * inlined) instead of one shared call site in a loop over many closures, which it cannot inline.
 * Falls back to `fallback` where code generation from strings is disabled.
 *
 * @example generateHolds(emitAll([a, b]), closureHolds)(bucket.config, bucket, ctx); // true | false
 */
export const generateHolds = (emit: Emit, fallback: Holds): Holds => {
  const pool: unknown[] = [];
  const slots = new Map<unknown, string>();
  const emitter: HoldsEmitter = {
    constant(x) {
      let slot = slots.get(x);
      if (slot === undefined) {
        slot = `k${pool.length}`;
        pool.push(x);
        slots.set(x, slot);
      }
      return slot;
    },
  };
  const body = emit(emitter);
  try {
    // eslint-disable-next-line @typescript-eslint/no-implied-eval -- text made only of fixed syntax and pool slots (see HoldsEmitter)
    const names = pool.map((_, i) => `k${i}`);
    const consts = names.length ? `const ${names.map((n, i) => `${n} = K[${i}]`).join(', ')};` : '';
    return new Function('K', `'use strict'; ${consts} return function holds(b, r, ctx) { let v; return ${body}; };`)(pool) as Holds;
  } catch {
    return fallback;
  }
};
