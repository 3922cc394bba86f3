import type { Resource } from '../../inventory/resource.js';
import type { EvalEnv } from '../operators/operator.js';

export type Segment = { kind: 'key'; key: string } | { kind: 'index'; index: number } | { kind: 'each' };

/** Resource facts addressable as `$name` in a path. */
export const META_FIELDS = {
  $account: (r: Resource) => r.accountId,
  $region: (r: Resource) => r.region,
  $type: (r: Resource) => r.type,
  $id: (r: Resource) => r.id,
  $arn: (r: Resource) => r.arn,
  $name: (r: Resource) => r.name,
  $owner: (r: Resource) => r.owner,
  $provider: (r: Resource) => r.provider,
} as const satisfies Record<string, (r: Resource) => unknown>;

/** A value found at a path, with the concrete path that led to it (`Rules[2].Lifecycle`). */
export interface Located {
  path: string;
  value: unknown;
}

/**
 * A parsed field path, compiled to a reader. Paths walk the resource's `config` (or the current
 * array element inside a quantifier); `tag:<key>` reads a tag and `$account`… a resource fact.
 *
 * @example
 * const p = FieldPath.parse('Rules[*].Lifecycle.DeleteAfterDays');
 * p.locate({ Rules: [{ Lifecycle: { DeleteAfterDays: 7 } }] }, resource);
 * // [{ path: 'Rules[0].Lifecycle.DeleteAfterDays', value: 7 }]
 */
export class FieldPath {
  /** The segments' keys when the path is keys only (`A.B.C`, the common case): read without a kind check per step. */
  readonly #keys: readonly string[] | undefined;
  /** Each segment's text in a concrete path (`.Rules`, `[2]`, `["x.y"]`), worked out once instead of per value reached. */
  readonly #labels: readonly string[];
  /** Where the only `[*]` is, when there is exactly one (every `[*]` path of the built-in policies). */
  readonly #each: number;

  private constructor(
    readonly text: string,
    readonly segments: readonly Segment[],
    readonly special: ((r: Resource) => unknown) | undefined,
    /** True when the path walks every element of some array (`[*]`): it may find many values or none. */
    readonly many: boolean,
    /** The tag a `tag:<key>` path reads. */
    readonly tag?: string,
  ) {
    this.#keys = segments.every((s) => s.kind === 'key') ? segments.map((s) => (s as { key: string }).key) : undefined;
    this.#labels = segments.map((s, i) => labelOf(s, i === 0));
    const eaches = segments.flatMap((s, i) => (s.kind === 'each' ? [i] : []));
    this.#each = eaches.length === 1 ? (eaches[0] as number) : -1;
  }

  /** The keys, when the path is keys only (`A.B.C`). */
  get keys(): readonly string[] | undefined {
    return this.#keys;
  }

  static parse(text: string): FieldPath {
    if (text.startsWith('tag:')) {
      const key = text.slice(4);
      if (!key) throw new Error('a tag path needs a key: tag:<key>');
      return new FieldPath(text, [], (r) => r.tags[key], false, key);
    }
    if (text.startsWith('$')) {
      const read = (META_FIELDS as Record<string, (r: Resource) => unknown>)[text];
      if (!read) throw new Error(`unknown resource field "${text}"; use one of ${Object.keys(META_FIELDS).join(', ')}`);
      return new FieldPath(text, [], read, false);
    }
    const segments = parseSegments(text);
    return new FieldPath(text, segments, undefined, segments.some((s) => s.kind === 'each'));
  }

  /** The single value at a path without `[*]` (undefined when missing). */
  get(base: unknown, resource: Resource): unknown {
    if (this.special) return this.special(resource);
    const keys = this.#keys;
    if (keys) {
      let cur: unknown = base;
      for (let i = 0; i < keys.length; i++) {
        if (cur === null || typeof cur !== 'object') return undefined;
        cur = (cur as Record<string, unknown>)[keys[i] as string];
      }
      return cur;
    }
    return follow(base, this.segments, 0, this.segments.length);
  }

  /**
   * `get` as a closure specialised to this path (a tag, a fact, one to three keys): the evaluator's
   * hot path reads fields through it without a loop or a branch on the path's kind.
   * @example FieldPath.parse('Acl.Grants').reader()({ Acl: { Grants: [] } }, bucket); // []
   */
  reader(): (base: unknown, resource: Resource) => unknown {
    const special = this.special;
    if (special) return (_b, r) => special(r);
    const keys = this.#keys;
    if (!keys) return (b, r) => this.get(b, r);
    const isObj = (x: unknown): x is Record<string, unknown> => x !== null && typeof x === 'object';
    const [k0, k1, k2] = keys as [string, string, string];
    if (keys.length === 1) return (b) => (isObj(b) ? b[k0] : undefined);
    if (keys.length === 2) return (b) => (isObj(b) && isObj((b = b[k0])) ? (b as Record<string, unknown>)[k1] : undefined);
    if (keys.length === 3) {
      return (b) => (isObj(b) && isObj((b = b[k0])) && isObj((b = (b as Record<string, unknown>)[k1])) ? (b as Record<string, unknown>)[k2] : undefined);
    }
    return (b, r) => this.get(b, r);
  }

  /**
   * Whether `test` holds for some value a `[*]` path reaches (`locate(…).some(…)` without building
   * the list), and `whenNone(env)` when it reaches none: the answer decisions need, evidence aside.
   */
  some(base: unknown, resource: Resource, test: (v: unknown, env: EvalEnv) => boolean, env: EvalEnv, whenNone: (env: EvalEnv) => boolean): boolean {
    const at = this.#each;
    if (at < 0) {
      const all = this.locate(base, resource);
      if (all.length === 0) return whenNone(env);
      for (let i = 0; i < all.length; i++) if (test((all[i] as Located).value, env)) return true;
      return false;
    }
    const list = follow(base, this.segments, 0, at);
    if (!Array.isArray(list) || list.length === 0) return whenNone(env);
    const n = this.segments.length;
    for (let k = 0; k < list.length; k++) if (test(follow(list[k], this.segments, at + 1, n), env)) return true;
    return false;
  }

  /** Every value the path reaches, with concrete paths; `[*]` over a missing or empty array reaches nothing. */
  locate(base: unknown, resource: Resource): Located[] {
    if (!this.many) return [{ path: this.text, value: this.get(base, resource) }];
    const out: Located[] = [];
    const at = this.#each;
    if (at >= 0) {
      // One `[*]`: the concrete path of element k is prefix + [k] + suffix, built only if evidence asks for it.
      const list = follow(base, this.segments, 0, at);
      if (!Array.isArray(list)) return out;
      const n = this.segments.length;
      for (let k = 0; k < list.length; k++) out.push(new ReachedElement(follow(list[k], this.segments, at + 1, n), this.#labels, at, k));
      return out;
    }
    walk(base, this.segments, this.#labels, 0, '', out);
    return out;
  }
}

/** A segment as it reads in a concrete path; the first has no leading dot. */
const labelOf = (s: Segment, first: boolean): string => {
  if (s.kind === 'each') return '';
  if (s.kind === 'index') return `[${s.index}]`;
  return /^[A-Za-z_$][\w$-]*$/.test(s.key) ? `${first ? '' : '.'}${s.key}` : `[${JSON.stringify(s.key)}]`;
};

/** The value at segments [from, to) of `cur` (no `[*]` among them); undefined once a step meets a non-object. */
const follow = (cur: unknown, segs: readonly Segment[], from: number, to: number): unknown => {
  for (let i = from; i < to; i++) {
    if (cur === null || typeof cur !== 'object') return undefined;
    const s = segs[i] as Segment;
    cur = s.kind === 'key' ? (cur as Record<string, unknown>)[s.key] : s.kind === 'index' ? (cur as unknown[])[s.index] : undefined;
  }
  return cur;
};

/** A value reached through the single `[*]` of a path; its concrete path is text only evidence needs. */
class ReachedElement implements Located {
  constructor(
    readonly value: unknown,
    private readonly labels: readonly string[],
    private readonly at: number,
    private readonly k: number,
  ) {}

  get path(): string {
    let p = '';
    for (let i = 0; i < this.labels.length; i++) p += i === this.at ? `[${this.k}]` : this.labels[i];
    return p;
  }
}

const walk = (cur: unknown, segs: readonly Segment[], labels: readonly string[], i: number, path: string, out: Located[]): void => {
  if (i === segs.length) {
    out.push({ path, value: cur });
    return;
  }
  const s = segs[i] as Segment;
  if (s.kind === 'each') {
    if (!Array.isArray(cur)) return;
    for (let k = 0; k < cur.length; k++) walk(cur[k], segs, labels, i + 1, `${path}[${k}]`, out);
    return;
  }
  const next =
    cur === null || typeof cur !== 'object'
      ? undefined
      : s.kind === 'key'
        ? (cur as Record<string, unknown>)[s.key]
        : (cur as unknown[])[s.index];
  walk(next, segs, labels, i + 1, path + (labels[i] as string), out);
};

/** `A.B[*].C["x.y"][0]` → segments. */
const parseSegments = (text: string): Segment[] => {
  const segs: Segment[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new Error(`invalid path "${text}" at character ${i + 1}: ${why}`);
  };
  if (!text) fail('empty path');
  while (i < text.length) {
    const c = text[i];
    if (c === '[') {
      const close = text.indexOf(']', i);
      if (close < 0) fail('unclosed [');
      const inner = text.slice(i + 1, close);
      if (inner === '*') segs.push({ kind: 'each' });
      else if (/^\d+$/.test(inner)) segs.push({ kind: 'index', index: Number(inner) });
      else if (/^"(?:[^"\\]|\\.)*"$/.test(inner)) segs.push({ kind: 'key', key: JSON.parse(inner) as string });
      else fail(`expected [*], [n] or ["key"], found [${inner}]`);
      i = close + 1;
      if (text[i] === '.') {
        i++;
        if (i >= text.length) fail('path ends with a dot');
      }
    } else {
      let j = i;
      while (j < text.length && text[j] !== '.' && text[j] !== '[') j++;
      if (j === i) fail('empty field name');
      segs.push({ kind: 'key', key: text.slice(i, j) });
      i = j;
      if (text[i] === '.') {
        i++;
        if (i >= text.length) fail('path ends with a dot');
      }
    }
  }
  return segs;
};
