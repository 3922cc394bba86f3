import { Value } from '@sinclair/typebox/value';
import type { Resource } from '../../inventory/resource.js';
import type { Evidence } from '../../violations/evidence.js';
import type { FilterRegistry } from '../filters/filter-registry.js';
import type { FilterContext } from '../filters/named-filter.js';
import type { EvalEnv } from '../operators/operator.js';
import type { OperatorRegistry } from '../operators/operator-registry.js';
import { CompileError, at } from './compile-error.js';
import { TAGS_FIELD } from '../../inventory/unknown-fields.js';
import { FieldPath } from './field-path.js';
import { compileFieldTest, type FieldTestNode } from './field-test-compiler.js';
import { emitAll, emitAny, emitCall, emitNot, emitValueTest, generateHolds, type Emit } from './holds-generator.js';
import { substituteParams } from './param-substitution.js';

/** A compiled condition: evidence when `base` (the config, or an array element) violates, null when it passes. */
export type ConditionTest = (base: unknown, resource: Resource, ctx: FilterContext) => Evidence[] | null;

export interface ConditionNode {
  test: ConditionTest;
  /**
   * `test(...) !== null` without building evidence: scopes, negations and the parts of `all` only need
   * the answer, and evidence for a resource that passes is garbage a million times over.
   */
  holds: (base: unknown, resource: Resource, ctx: FilterContext) => boolean;
  /** The condition in words, for evidence of negations: "Versioning.Status = Enabled". */
  describe: string;
  /** The field path the condition is about, when it is about one. */
  subject?: string;
  /** How to write `holds` as code (see holds-generator); absent: a call to `holds`. */
  emit?: Emit;
}

export interface CompiledCondition extends ConditionNode {
  /** Resource types the condition's filters read through the lookup (preloaded before the scan streams). */
  needs: string[];
  /**
   * The resource's top-level config fields the condition reads (`Acl` for `Acl.Grants[*]…`, `tag:*` for
   * a tag), or `all` when a filter does not say what it reads: a field the collector could not read
   * (`$unknown`) leaves the resource undecided for exactly the conditions that read it.
   */
  reads: readonly string[] | 'all';
}

/** What compiling one condition collects besides the closures. */
interface Gathered {
  needs: Set<string>;
  reads: Set<string>;
  readsAll: boolean;
  /** Inside a quantifier, paths are relative to an array element: the field read is the quantifier's own path. */
  inElement: number;
}

const BOOLEAN_KEYS = new Set(['all', 'any', 'none', 'not']);

/**
 * Compiles the YAML condition language (docs/policy-language.md) to plain closures, once per policy
 * and parameter set; evaluation never looks at YAML again.
 *
 * @example
 * const compiler = new ConditionCompiler(new OperatorRegistry(), new FilterRegistry());
 * const c = compiler.compile({ 'Versioning.Status': { ne: 'Enabled' } });
 * c.test(bucket.config, bucket, ctx); // [{ path: 'Versioning.Status', expected: '= Enabled', actual: null }] or null
 */
export class ConditionCompiler {
  constructor(
    private readonly operators: OperatorRegistry,
    private readonly filters: FilterRegistry,
  ) {}

  /** @throws CompileError with the path (below `where`) of the first problem. */
  compile(spec: unknown, params: Record<string, unknown> = {}): CompiledCondition {
    const g: Gathered = { needs: new Set(), reads: new Set(), readsAll: false, inElement: 0 };
    const node = this.#condition(spec, params, g);
    // A condition of several parts decides through one generated function (see generateHolds).
    const holds = node.emit ? generateHolds(node.emit, node.holds) : node.holds;
    return { ...node, holds, needs: [...g.needs], reads: g.readsAll ? 'all' : [...g.reads] };
  }

  #condition(spec: unknown, params: Record<string, unknown>, g: Gathered): ConditionNode {
    if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
      throw new CompileError(`a condition is a mapping (all/any/none/not/filter or field: test), found ${Array.isArray(spec) ? 'a list' : JSON.stringify(spec)}`, []);
    }
    const entries = Object.entries(spec as Record<string, unknown>);
    if (entries.length === 0) throw new CompileError('an empty condition matches nothing; remove it or add a test', []);
    if ('filter' in spec) return at([], () => this.#filter(spec as Record<string, unknown>, params, g));
    const parts = entries.map(([key, value]) =>
      BOOLEAN_KEYS.has(key) ? at([key], () => this.#boolean(key, value, params, g)) : at([key], () => this.#field(key, value, params, g)),
    );
    return parts.length === 1 ? (parts[0] as ConditionNode) : allOf(parts);
  }

  #boolean(key: string, value: unknown, params: Record<string, unknown>, g: Gathered): ConditionNode {
    if (key === 'not') return notOf(this.#condition(value, params, g));
    if (!Array.isArray(value) || value.length === 0) throw new Error(`"${key}" takes a non-empty list of conditions`);
    const children = value.map((c, i) => at([i], () => this.#condition(c, params, g)));
    if (key === 'all') return allOf(children);
    const anyNode = anyOf(children);
    return key === 'any' ? anyNode : notOf(anyNode, `none of: ${children.map((c) => c.describe).join('; ')}`);
  }

  #field(pathText: string, spec: unknown, params: Record<string, unknown>, g: Gathered): ConditionNode {
    let path: FieldPath;
    try {
      path = FieldPath.parse(pathText);
    } catch (e) {
      throw new CompileError((e as Error).message, []);
    }
    if (!g.inElement) {
      const first = path.segments[0];
      if (pathText.startsWith('tag:')) g.reads.add(TAGS_FIELD);
      else if (first?.kind === 'key') g.reads.add(first.key);
    }
    const ft: FieldTestNode = compileFieldTest(spec, params, {
      operators: this.operators,
      elementCondition: (s) => {
        g.inElement++;
        try {
          return this.#condition(s, params, g);
        } finally {
          g.inElement--;
        }
      },
    });
    const describe = `${pathText} ${ft.describe}`;
    // Decisions (`holds`) of a plain value test read the field through a closure made for its path
    // and allocate nothing; evidence (`test`) takes the general route.
    const vo = ft.valueOnly;
    if (path.many) {
      const whenNone = vo?.presenceOnly ? (env: EvalEnv) => vo.test(undefined, env) : () => false;
      return {
        describe,
        subject: pathText,
        test: (base, r, ctx) => ft.match(path.locate(base, r), true, pathText, r, ctx),
        holds: vo
          ? (base, r, ctx) => path.some(base, r, vo.test, ctx, whenNone)
          : (base, r, ctx) => ft.holdsMany(path.locate(base, r), pathText, r, ctx),
        ...(vo ? { emit: emitValueTest(path, vo.test, whenNone) } : {}),
      };
    }
    const read = path.reader();
    return {
      describe,
      subject: pathText,
      test: (base, r, ctx) => ft.matchOne(read(base, r), pathText, r, ctx),
      holds: vo ? ((t) => (base, r, ctx) => t(read(base, r), ctx))(vo.test) : (base, r, ctx) => ft.holdsOne(read(base, r), pathText, r, ctx),
      ...(vo ? { emit: emitValueTest(path, vo.test, () => false) } : {}),
    };
  }

  #filter(spec: Record<string, unknown>, params: Record<string, unknown>, g: Gathered): ConditionNode {
    const { filter: name, ...raw } = spec;
    if (typeof name !== 'string') throw new CompileError('"filter" names a registered filter', ['filter']);
    if (!this.filters.has(name)) {
      throw new CompileError(`unknown filter "${name}"; known: ${this.filters.list().map((f) => f.name).join(', ') || 'none'}`, ['filter']);
    }
    const def = this.filters.get(name);
    const args = substituteParams(raw, params);
    if (!Value.Check(def.params, args)) {
      const first = [...Value.Errors(def.params, args)][0];
      const where = first?.path ? first.path.slice(1).split('/') : [];
      throw new CompileError(`filter ${name}: ${first?.path || 'parameters'} ${first?.message ?? 'invalid'}`, where);
    }
    const run = def.compile(Value.Default(def.params, structuredClone(args)) as never);
    for (const t of def.needs ?? []) g.needs.add(t);
    if (def.reads) for (const f of def.reads) g.reads.add(f);
    else g.readsAll = true;
    return { describe: `filter ${name}`, test: (_base, r, ctx) => run(r, ctx), holds: (_base, r, ctx) => run(r, ctx) !== null };
  }
}

/** Every child holds: the children's decisions in a plain array, called in order until one fails. */
const allHold = (children: ConditionNode[]): ConditionNode['holds'] => {
  const hs = children.map((c) => c.holds);
  const n = hs.length;
  if (n === 2) {
    const [a, b] = hs as [ConditionNode['holds'], ConditionNode['holds']];
    return (base, r, ctx) => a(base, r, ctx) && b(base, r, ctx);
  }
  return (base, r, ctx) => {
    for (let i = 0; i < n; i++) if (!(hs[i] as ConditionNode['holds'])(base, r, ctx)) return false;
    return true;
  };
};

const allOf = (children: ConditionNode[]): ConditionNode => {
  const holds = allHold(children);
  return {
    describe: children.map((c) => c.describe).join(' and '),
    test: (base, r, ctx) => {
      // Decide first, then write evidence: most resources fail some part, and evidence for the parts
      // before it would be thrown away.
      if (!holds(base, r, ctx)) return null;
      let out: Evidence[] | null = null;
      for (const c of children) {
        const ev = c.test(base, r, ctx);
        if (ev === null) return null;
        out = out === null ? ev : out.concat(ev);
      }
      return out;
    },
    holds,
    emit: emitAll(children.map(emitOf)),
  };
};

const anyOf = (children: ConditionNode[]): ConditionNode => {
  const hs = children.map((c) => c.holds);
  const n = hs.length;
  return {
    describe: `any of: ${children.map((c) => c.describe).join('; ')}`,
    test: (base, r, ctx) => {
      for (const c of children) {
        const ev = c.test(base, r, ctx);
        if (ev !== null) return ev;
      }
      return null;
    },
    holds: (base, r, ctx) => {
      for (let i = 0; i < n; i++) if ((hs[i] as ConditionNode['holds'])(base, r, ctx)) return true;
      return false;
    },
    emit: emitAny(children.map(emitOf)),
  };
};

const notOf = (inner: ConditionNode, describe = `not (${inner.describe})`): ConditionNode => ({
  describe,
  subject: inner.subject,
  test: (base, r, ctx) =>
    inner.holds(base, r, ctx) ? null : [{ path: inner.subject ?? '(condition)', expected: inner.describe, actual: 'not met' }],
  holds: ((h) => (base, r, ctx) => !h(base, r, ctx))(inner.holds),
  emit: emitNot(emitOf(inner)),
});

const emitOf = (c: ConditionNode): Emit => c.emit ?? emitCall(c.holds);
