import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { INPUT_LIMITS } from '../common/input-limits.js';
import type { Diagnostic } from '../common/vigil-error.js';
import { ConditionCompiler } from './condition/condition-compiler.js';
import { CompileError } from './condition/compile-error.js';
import type { LoadedPolicy, PolicyDefinition } from './policy.js';
import { buildPolicySchema, type SchemaRegistries } from './policy-schema.js';
import { YamlSource } from '../common/yaml-source.js';

export interface PolicyDirectory {
  path: string;
  /** Built-in policies ship with Vigil; custom ones come from the organisation's repository. */
  builtin: boolean;
}

/** What the loader asks of the framework catalogue (src/frameworks implements it). */
export interface FrameworkChecker {
  /** Why a reference does not resolve (unknown framework, unknown requirement), or undefined when it does. */
  explain(frameworkId: string, ref: string): string | undefined;
}

export interface PolicyLoadResult {
  policies: LoadedPolicy[];
  /** Every problem in every file; when non-empty, nothing should be scanned. */
  diagnostics: Diagnostic[];
  files: string[];
}

/** Policy files are `*.yaml`/`*.yml`; `*.test.yaml` beside them are policy tests. */
export const isPolicyFile = (name: string): boolean => /\.ya?ml$/.test(name) && !/\.test\.ya?ml$/.test(name);

export const listYamlFiles = async (dir: string, keep: (name: string) => boolean): Promise<string[]> => {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && keep(e.name))
    .map((e) => join(e.parentPath ?? (e as unknown as { path: string }).path, e.name))
    .sort();
};

/**
 * Loads and checks policy files: YAML syntax, the generated JSON Schema, the registries (resource
 * types, operators, filters), unique ids, and compiles every condition once. Every problem is
 * reported as `file:line:col  field: message`, not only the first.
 *
 * @example
 * const { policies, diagnostics } = await new PolicyLoader(registries).load([{ path: 'policies', builtin: true }]);
 * if (diagnostics.length) throw new DiagnosticsError('policy.invalid', diagnostics);
 */
export class PolicyLoader {
  readonly #validate: ValidateFunction;
  readonly #compiler: ConditionCompiler;
  readonly #frameworks: FrameworkChecker | undefined;

  /** With `frameworks`, every `frameworks:` key and reference must exist in the framework catalogue. */
  constructor(registries: SchemaRegistries, private readonly cwd = process.cwd(), frameworks?: FrameworkChecker) {
    this.#frameworks = frameworks;
    const ajv = new Ajv({ allErrors: true, strict: false, verbose: true });
    const schema = buildPolicySchema(registries);
    ajv.addSchema(schema);
    this.#validate = ajv.getSchema(`${schema.$id}#/definitions/policy`) as ValidateFunction;
    this.#compiler = new ConditionCompiler(registries.operators, registries.filters);
  }

  async load(dirs: PolicyDirectory[]): Promise<PolicyLoadResult> {
    const out: PolicyLoadResult = { policies: [], diagnostics: [], files: [] };
    for (const dir of dirs) {
      let files: string[];
      try {
        files = await listYamlFiles(dir.path, isPolicyFile);
      } catch (e) {
        out.diagnostics.push({ file: this.#rel(dir.path), line: 1, col: 1, message: `cannot read policy directory: ${(e as Error).message}` });
        continue;
      }
      for (const f of files) {
        const r = this.parse(this.#rel(f), await readFile(f, 'utf8'), dir.builtin);
        out.files.push(this.#rel(f));
        out.policies.push(...r.policies);
        out.diagnostics.push(...r.diagnostics);
      }
    }
    if (out.policies.length > INPUT_LIMITS.policies) {
      out.diagnostics.push({ file: this.#rel(dirs[0]?.path ?? '.'), line: 1, col: 1, message: `${out.policies.length.toLocaleString('en-US')} policies; the limit is ${INPUT_LIMITS.policies.toLocaleString('en-US')} (see docs/limits.md)` });
    }
    const { policies, diagnostics } = resolveIds(out.policies);
    out.policies = policies;
    out.diagnostics.push(...diagnostics);
    return out;
  }

  /** Checks one file's text; exposed for editors, tests and `vigil validate -` on stdin. */
  parse(file: string, text: string, builtin = false): { policies: LoadedPolicy[]; diagnostics: Diagnostic[] } {
    const src = YamlSource.parse(file, text);
    const syntax = src.syntaxDiagnostics();
    if (syntax.length) return { policies: [], diagnostics: syntax };
    const value = src.toJS();
    const items: [unknown, (string | number)[]][] = Array.isArray(value) ? value.map((v, i) => [v, [i]]) : [[value, []]];
    if (value === null || value === undefined) return { policies: [], diagnostics: [{ ...src.locate([]), message: 'empty policy file' }] };
    const policies: LoadedPolicy[] = [];
    const diagnostics: Diagnostic[] = [];
    for (const [item, base] of items) {
      const problems = this.#check(item, base, src);
      if (problems.length) diagnostics.push(...problems);
      else policies.push({ ...(item as PolicyDefinition), source: src.locate(base), builtin });
    }
    return { policies, diagnostics };
  }

  #check(item: unknown, base: (string | number)[], src: YamlSource): Diagnostic[] {
    const ds: Diagnostic[] = [];
    let shapeOk = true;
    if (!this.#validate(item)) {
      // Conditions get precise messages from the compiler; the schema's anyOf noise about them is dropped.
      const inCondition = (path: string) => /^\/(where|scope)(\/|$)/.test(path);
      const errs = collapseAlternatives((this.#validate.errors ?? []).filter((e) => !inCondition(e.instancePath)));
      const seen = new Set<string>();
      ds.push(...errs.map((e) => schemaDiagnostic(e, base, src)).filter((d) => !seen.has(d.message) && seen.add(d.message)));
      shapeOk = ds.length === 0;
    }
    // Whatever else is wrong, the conditions and framework references are still checked: one run reports every problem.
    if (!item || typeof item !== 'object' || Array.isArray(item)) return ds;
    const p = item as Partial<PolicyDefinition>;
    const params: Record<string, unknown> = {};
    const declared = p.parameters && typeof p.parameters === 'object' && !Array.isArray(p.parameters) ? p.parameters : {};
    for (const [name, def] of Object.entries(declared)) {
      if (!def || typeof def !== 'object') continue;
      if (shapeOk) {
        const bad = parameterProblem(def.type, def.default);
        if (bad) ds.push({ ...src.locate([...base, 'parameters', name, 'default']), message: `parameters.${name}.default: ${bad}` });
      }
      params[name] = def.default;
    }
    const r = p.remediation;
    if (shapeOk && r?.risk === 'irreversible' && r.approval !== true) {
      ds.push({ ...src.locate([...base, 'remediation', 'risk']), message: 'remediation: an irreversible action needs approval: true' });
    }
    if (this.#frameworks && p.frameworks && typeof p.frameworks === 'object' && !Array.isArray(p.frameworks)) {
      for (const [framework, value] of Object.entries(p.frameworks)) {
        const refs = Array.isArray(value) ? value : [value];
        for (const ref of refs) {
          const message = this.#frameworks.explain(framework, ref as string);
          if (message) ds.push({ ...src.locate([...base, 'frameworks', framework]), message: `frameworks.${framework}: ${message}` });
          if (message?.startsWith('unknown framework')) break;
        }
      }
    }
    for (const key of ['scope', 'where'] as const) {
      if (p[key] === undefined) continue;
      try {
        this.#compiler.compile(p[key], params);
      } catch (e) {
        if (!(e instanceof CompileError)) {
          // A condition the compiler cannot even walk (the schema has already said why, when it could).
          ds.push({ ...src.locate([...base, key]), message: `${key}: not a condition (${(e as Error).message})` });
          continue;
        }
        const path = [...base, key, ...e.path];
        ds.push({ ...src.locate(path), message: `${[key, ...e.path].join('.')}: ${e.message}`, path });
      }
    }
    return ds;
  }

  #rel(p: string): string {
    const r = relative(this.cwd, p);
    return r.startsWith('..') ? p : r;
  }
}

const parameterProblem = (type: string, v: unknown): string | undefined => {
  const ok =
    type === 'number' ? typeof v === 'number' : type === 'integer' ? Number.isInteger(v) : type === 'string' ? typeof v === 'string' : type === 'boolean' ? typeof v === 'boolean' : Array.isArray(v) && v.every((x) => typeof x === 'string');
  return ok ? undefined : `must be a ${type}, found ${JSON.stringify(v)}`;
};

/**
 * A field that may take several shapes (`resource`: a type or a list of types) fails every branch of
 * its anyOf; a person needs the one that says what is wrong (an unknown value), not "must be array"
 * and "must match a schema in anyOf" beside it.
 */
const collapseAlternatives = (errs: ErrorObject[]): ErrorObject[] => {
  const alternatives = new Set(errs.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath));
  return errs.filter((e) => {
    if (!alternatives.has(e.instancePath)) return true;
    // The list branch's own complaint about an element (resource.1: unknown type) says it best.
    if (errs.some((x) => x.instancePath.startsWith(`${e.instancePath}/`))) return false;
    const telling = errs.filter((x) => x.instancePath === e.instancePath && x.keyword === 'enum');
    return telling.length ? telling.includes(e) : e.keyword === 'anyOf' || e.keyword === 'oneOf';
  });
};

const schemaDiagnostic = (e: ErrorObject, base: (string | number)[], src: YamlSource): Diagnostic => {
  const path = e.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const field = path.join('.') || 'policy';
  const full = [...base, ...path];
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return { ...src.locate(full), message: `${field}: missing required field "${String(params.missingProperty)}"` };
    case 'additionalProperties':
      return { ...src.locate(full, String(params.additionalProperty)), message: `${field}: unknown field "${String(params.additionalProperty)}"` };
    case 'enum':
      return { ...src.locate(full), message: `${field}: ${JSON.stringify(e.data)} is not one of ${(params.allowedValues as unknown[]).join(', ')}` };
    default:
      return { ...src.locate(full), message: `${field}: ${e.message ?? 'invalid'}` };
  }
};

/**
 * Ids are unique, except that an organisation's own policy may replace a built-in one of the same id
 * (to change its condition, not only its parameters).
 */
const resolveIds = (all: LoadedPolicy[]): { policies: LoadedPolicy[]; diagnostics: Diagnostic[] } => {
  const byId = new Map<string, LoadedPolicy>();
  const diagnostics: Diagnostic[] = [];
  for (const p of all) {
    const seen = byId.get(p.id);
    if (!seen || (seen.builtin && !p.builtin)) byId.set(p.id, p);
    else if (!(p.builtin && !seen.builtin)) diagnostics.push({ ...p.source, message: `id: "${p.id}" is already defined at ${seen.source.file}:${seen.source.line}` });
  }
  return { policies: [...byId.values()], diagnostics };
};
