import { Value } from '@sinclair/typebox/value';
import type { Resource } from '../../inventory/resource.js';
import type { Evidence } from '../../violations/evidence.js';
import type { FilterContext } from '../filters/named-filter.js';
import type { EvalEnv, ValueTest } from '../operators/operator.js';
import type { OperatorRegistry } from '../operators/operator-registry.js';
import { showValue } from '../operators/show-value.js';
import { at } from './compile-error.js';
import type { ConditionNode } from './condition-compiler.js';
import { substituteParams } from './param-substitution.js';
import type { Located } from './field-path.js';

/** At most this many elements are reported as evidence for one test; the rest are counted. */
const MAX_EVIDENCE = 10;

export interface FieldTestNode {
  describe: string;
  match(located: Located[], many: boolean, pathText: string, r: Resource, ctx: FilterContext): Evidence[] | null;
  /** `match([{ path: pathText, value }], false, …)` without the array: most paths name one value. */
  matchOne(value: unknown, pathText: string, r: Resource, ctx: FilterContext): Evidence[] | null;
  /** `matchOne(e.value, e.path, …)`, reading `e.path` only when there is evidence to write. */
  matchElement(e: Located, r: Resource, ctx: FilterContext): Evidence[] | null;
  /** `matchElement(…) !== null`, likewise. */
  holdsElement(e: Located, r: Resource, ctx: FilterContext): boolean;
  /** `matchOne(…) !== null`, without the evidence when the test is about the value alone. */
  holdsOne(value: unknown, pathText: string, r: Resource, ctx: FilterContext): boolean;
  /** `match(located, true, …) !== null`, likewise. */
  holdsMany(located: Located[], pathText: string, r: Resource, ctx: FilterContext): boolean;
  /** The value test alone, when the field test is nothing else (no quantifier): what a decision runs. */
  valueOnly?: { test: ValueTest; presenceOnly: boolean };
}

export interface FieldTestDeps {
  operators: OperatorRegistry;
  /** Compiles a condition whose paths are relative to an array element (quantifiers). */
  elementCondition(spec: unknown): ConditionNode;
}

interface ValueNode {
  test: (v: unknown, env: EvalEnv) => boolean;
  describe: string;
  expected: string;
  /** Only about presence or size, so it means something on a `[*]` path that reached no element. */
  presenceOnly: boolean;
}

const QUANTIFIERS = new Set(['any', 'all', 'none']);

const isScalar = (v: unknown): boolean => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** Evidence keeps small values as they are and large ones as a short text, so stored violations stay small. */
export const evidenceValue = (v: unknown): unknown => {
  if (v === undefined) return null;
  if (v === null || typeof v !== 'object') return v;
  const s = JSON.stringify(v);
  return s.length <= 400 ? v : showValue(v);
};

/** Compiles one field test (`{ gte: 35 }`, `Enabled`, `{ any: {...} }`) for a path. */
export const compileFieldTest = (spec: unknown, params: Record<string, unknown>, deps: FieldTestDeps): FieldTestNode => {
  const valueSpec: Record<string, unknown> = {};
  const quantifiers: [string, unknown][] = [];
  if (isScalar(spec)) valueSpec.eq = spec;
  else if (Array.isArray(spec)) throw new Error('a list is not a test: to match one of several values write `in: [a, b]`');
  else
    for (const [k, v] of Object.entries(spec as Record<string, unknown>)) {
      if (QUANTIFIERS.has(k)) quantifiers.push([k, v]);
      else valueSpec[k] = v;
    }
  const value = Object.keys(valueSpec).length > 0 ? compileValueTest(valueSpec, params, deps.operators) : undefined;
  const quants = quantifiers.map(([k, v]) => at([k], () => compileQuantifier(k, v, params, deps)));
  const describe = [value?.describe, ...quants.map((q) => q.describe)].filter(Boolean).join(' and ');

  /** One value at `pathText` (or at `at.path`, read only for evidence): the value test, then each quantifier over its items. */
  const single = (v: unknown, pathText: string | undefined, at: Located | undefined, r: Resource, ctx: FilterContext): Evidence[] | null => {
    if (value && !value.test(v, ctx)) return null;
    let out: Evidence[] | null = null;
    for (const q of quants) {
      const ev = q.match(itemsOf(v, pathText, at), pathText ?? (at as Located).path, r, ctx);
      if (ev === null) return null;
      out = out === null ? ev : out.concat(ev);
    }
    if (!value) return out;
    const own: Evidence = { path: pathText ?? (at as Located).path, expected: value.expected, actual: evidenceValue(v) };
    return out === null ? [own] : [own, ...out];
  };

  return {
    describe,
    ...(value && quants.length === 0 ? { valueOnly: { test: value.test, presenceOnly: value.presenceOnly } } : {}),
    match(located, many, pathText, r, ctx) {
      if (!many) return single((located[0] as Located).value, pathText, undefined, r, ctx);
      let out: Evidence[] | null = null;
      if (value) {
        out = matchValue(value, located, many, pathText, ctx);
        if (out === null) return null;
      }
      for (const q of quants) {
        const ev = q.match(elementsOf(located, many), pathText, r, ctx);
        if (ev === null) return null;
        out = out === null ? ev : out.concat(ev);
      }
      return out;
    },
    matchOne: (v, pathText, r, ctx) => single(v, pathText, undefined, r, ctx),
    matchElement: (e, r, ctx) => single(e.value, undefined, e, r, ctx),
    holdsOne: (v, pathText, r, ctx) => {
      if (quants.length > 0) return single(v, pathText, undefined, r, ctx) !== null;
      return value !== undefined && value.test(v, ctx);
    },
    holdsElement: (e, r, ctx) => {
      if (quants.length > 0) return single(e.value, undefined, e, r, ctx) !== null;
      return value !== undefined && value.test(e.value, ctx);
    },
    holdsMany(located, pathText, r, ctx) {
      if (quants.length > 0 || !value) return this.match(located, true, pathText, r, ctx) !== null;
      if (located.length === 0) return value.presenceOnly && value.test(undefined, ctx);
      for (const loc of located) if (value.test(loc.value, ctx)) return true;
      return false;
    },
  };
};

/** The items a quantifier ranges over when the path names one value: its elements when it is an array. */
const itemsOf = (v: unknown, pathText: string | undefined, at: Located | undefined): Located[] =>
  Array.isArray(v) ? v.map((value, i) => new ItemAt(value, pathText ?? (at as Located), i)) : [];

/** Element i of the array at a path; the concrete path is text only evidence needs. */
class ItemAt implements Located {
  constructor(
    readonly value: unknown,
    private readonly parent: string | Located,
    private readonly i: number,
  ) {}

  get path(): string {
    return `${typeof this.parent === 'string' ? this.parent : this.parent.path}[${this.i}]`;
  }
}

const matchValue = (value: ValueNode, located: Located[], many: boolean, pathText: string, env: EvalEnv): Evidence[] | null => {
  if (!many) {
    const v = (located[0] as Located).value;
    return value.test(v, env) ? [{ path: pathText, expected: value.expected, actual: evidenceValue(v) }] : null;
  }
  if (located.length === 0) {
    return value.presenceOnly && value.test(undefined, env) ? [{ path: pathText, expected: value.expected, actual: null }] : null;
  }
  let out: Evidence[] | null = null;
  let extra = 0;
  for (const loc of located) {
    if (!value.test(loc.value, env)) continue;
    out ??= [];
    if (out.length < MAX_EVIDENCE) out.push({ path: loc.path, expected: value.expected, actual: evidenceValue(loc.value) });
    else extra++;
  }
  if (out && extra > 0) (out[out.length - 1] as Evidence).note = `and ${extra} more`;
  return out;
};

/** The elements a quantifier ranges over: what a `[*]` path reached, or the items of the array a plain path names. */
const elementsOf = (located: Located[], many: boolean): Located[] => {
  if (many) return located;
  const only = located[0] as Located;
  return Array.isArray(only.value) ? only.value.map((value, i) => ({ path: `${only.path}[${i}]`, value })) : [];
};

/** A value-only test: operators, `size` and `not`; several keys must all hold. */
const compileValueTest = (spec: Record<string, unknown>, params: Record<string, unknown>, operators: OperatorRegistry): ValueNode => {
  const parts = Object.entries(spec).map(([key, raw]) =>
    at([key], (): ValueNode => {
      if (key === 'not') {
        const inner = isScalar(raw) ? compileValueTest({ ne: raw }, params, operators) : undefined;
        if (inner) return inner;
        if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('"not" takes a scalar or a map of operators');
        const n = compileValueTest(raw as Record<string, unknown>, params, operators);
        return { test: (v, env) => !n.test(v, env), describe: `not (${n.describe})`, expected: n.describe, presenceOnly: n.presenceOnly };
      }
      if (key === 'size') {
        const n = isScalar(raw) ? compileValueTest({ eq: raw }, params, operators) : compileValueTest(raw as Record<string, unknown>, params, operators);
        return {
          test: (v, env) => n.test(sizeOf(v), env),
          describe: `size ${n.describe}`,
          expected: `size ${n.expected}`,
          presenceOnly: true,
        };
      }
      if (QUANTIFIERS.has(key)) throw new Error(`"${key}" (a quantifier) cannot be used inside "not" or "size"`);
      if (!operators.has(key)) {
        throw new Error(
          `unknown operator "${key}"; operators are ${operators.keywords().join(', ')} (to test a nested field, write its full path as the key)`,
        );
      }
      const op = operators.get(key);
      const operand = substituteParams(raw, params);
      if (!Value.Check(op.operand, operand)) {
        throw new Error(`operator ${key}: operand ${showValue(operand)} is not valid (${[...Value.Errors(op.operand, operand)][0]?.message ?? 'wrong type'})`);
      }
      const test = op.compile(operand);
      return { test, describe: op.describe(operand), expected: op.expected(operand), presenceOnly: key === 'absent' || key === 'exists' };
    }),
  );
  if (parts.length === 1) return parts[0] as ValueNode;
  return {
    test: (v, env) => parts.every((p) => p.test(v, env)),
    describe: parts.map((p) => p.describe).join(' and '),
    expected: parts.map((p) => p.expected).join(' or '),
    presenceOnly: parts.every((p) => p.presenceOnly),
  };
};

const sizeOf = (v: unknown): number => {
  if (v === undefined || v === null) return 0;
  if (typeof v === 'string' || Array.isArray(v)) return v.length;
  if (typeof v === 'object') return Object.keys(v).length;
  return 1;
};

interface QuantifierNode {
  describe: string;
  match(elements: Located[], pathText: string, r: Resource, ctx: FilterContext): Evidence[] | null;
}

/** `any` / `all` / `none` over elements, each judged by a field test (scalars) or a condition relative to the element. */
const compileQuantifier = (kind: string, spec: unknown, params: Record<string, unknown>, deps: FieldTestDeps): QuantifierNode => {
  const element = compileElementTest(spec, params, deps);
  const describe = `${kind} element ${element.describe}`;
  return {
    describe,
    match(elements, pathText, r, ctx) {
      if (kind === 'any') {
        let out: Evidence[] | null = null;
        for (const e of elements) {
          const ev = element.match(e, r, ctx);
          if (ev === null) continue;
          out = out === null ? ev : out.length < MAX_EVIDENCE ? out.concat(ev) : out;
        }
        return out;
      }
      if (kind === 'all') {
        // Decide before writing evidence: an element that fails late would make it all garbage.
        for (const e of elements) if (!element.holds(e, r, ctx)) return null;
        let out: Evidence[] = [];
        for (const e of elements) {
          const ev = element.match(e, r, ctx);
          if (ev === null) return null;
          if (out.length < MAX_EVIDENCE) out = out.concat(ev);
        }
        return elements.length > 0 ? out : [{ path: pathText, expected: `an element that is not ${element.describe}`, actual: [] }];
      }
      for (const e of elements) if (element.holds(e, r, ctx)) return null;
      return [{ path: pathText, expected: `an element ${element.describe}`, actual: elements.length === 0 ? [] : `none of ${elements.length}` }];
    },
  };
};

interface ElementTest {
  describe: string;
  match(e: Located, r: Resource, ctx: FilterContext): Evidence[] | null;
  /** `match(…) !== null` without the evidence. */
  holds(e: Located, r: Resource, ctx: FilterContext): boolean;
}

const compileElementTest = (spec: unknown, params: Record<string, unknown>, deps: FieldTestDeps): ElementTest => {
  if (isScalar(spec) || isFieldTestMap(spec, deps.operators)) {
    const ft = compileFieldTest(spec, params, deps);
    return { describe: ft.describe, match: (e, r, ctx) => ft.matchElement(e, r, ctx), holds: (e, r, ctx) => ft.holdsElement(e, r, ctx) };
  }
  const cond = deps.elementCondition(spec);
  return {
    describe: `where ${cond.describe}`,
    holds: (e, r, ctx) => cond.holds(e.value, r, ctx),
    match(e, r, ctx) {
      const ev = cond.test(e.value, r, ctx);
      return ev === null ? null : ev.map((x) => (/^(tag:|\$)/.test(x.path) ? x : { ...x, path: `${e.path}.${x.path}` }));
    },
  };
};

/** A map whose keys are all operators/keywords (and quantifiers hold a test, not a list) tests the element itself. */
const isFieldTestMap = (spec: unknown, operators: OperatorRegistry): boolean => {
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) return false;
  const o = spec as Record<string, unknown>;
  if ('filter' in o) return false;
  return Object.entries(o).every(([k, v]) => {
    if (QUANTIFIERS.has(k)) return !Array.isArray(v);
    if (k === 'not') return isScalar(v) || isFieldTestMap(v, operators);
    return k === 'size' || operators.has(k);
  });
};
