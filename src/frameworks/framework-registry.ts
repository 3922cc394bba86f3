import { closestMatch } from '../common/closest-match.js';
import { VigilError } from '../common/vigil-error.js';
import type { PolicyDefinition } from '../policies/policy.js';
import { ancestorRefs, looseRef, type Framework, type Requirement } from './framework.js';

/** What a reference resolves to: the requirement it names, or the nearest one it belongs to. */
export interface ResolvedRef {
  framework: Framework;
  /** The catalogue entry the reference names, or its nearest enclosing entry (`Art. 12` for `Art. 12(9)`). */
  requirement: Requirement;
  /** Every catalogue entry the reference counts for, most specific first (itself, paragraph, article). */
  countsFor: Requirement[];
  /** True when the reference is itself a catalogue entry. */
  exact: boolean;
}

/** A reference that does not resolve, with a reason a policy author can act on. */
export interface MappingProblem {
  policyId: string;
  framework: string;
  ref: string;
  message: string;
}

/** One requirement's coverage: the policies that evidence it, or a flag saying a person must. */
export interface RequirementCoverage {
  requirement: Requirement;
  policyIds: string[];
  /** True when no automated control evidences it, or it is organisational: "manual evidence needed". */
  manual: boolean;
}

export interface FrameworkCoverage {
  framework: Framework;
  requirements: RequirementCoverage[];
}

export interface CoverageReport {
  frameworks: FrameworkCoverage[];
  /** Mappings that name an unknown framework or a reference that resolves to nothing. */
  problems: MappingProblem[];
}

/** The parts of a policy the catalogue reads. */
export type MappedPolicy = Pick<PolicyDefinition, 'id' | 'frameworks'>;

const refsOf = (v: string | string[]): string[] => (Array.isArray(v) ? v : [v]);

/**
 * The frameworks catalogue. Built once by the composition root; holds no module-level state.
 *
 * @example
 * const frameworks = new FrameworkRegistry(builtinFrameworks());
 * frameworks.resolve('dora', 'Art. 12(1)(a)')?.countsFor.map((r) => r.ref); // ['Art. 12(1)(a)', 'Art. 12(1)', 'Art. 12']
 * frameworks.coverage(policies).frameworks[0].requirements.filter((r) => r.manual); // the gaps
 */
export class FrameworkRegistry {
  readonly #frameworks = new Map<string, Framework>();
  readonly #byRef = new Map<string, Map<string, Requirement>>();

  constructor(frameworks: Iterable<Framework> = []) {
    for (const f of frameworks) this.register(f);
  }

  /** Adds a framework; duplicate framework ids or duplicate references inside one are defects. */
  register(framework: Framework): void {
    if (this.#frameworks.has(framework.id)) throw new VigilError('registry.duplicate', `framework ${framework.id} is registered twice`);
    const refs = new Map<string, Requirement>();
    for (const r of framework.requirements) {
      if (refs.has(r.ref)) throw new VigilError('registry.duplicate', `framework ${framework.id} lists requirement ${r.ref} twice`);
      refs.set(r.ref, Object.freeze({ ...r }));
    }
    this.#frameworks.set(framework.id, Object.freeze({ ...framework, requirements: [...refs.values()] }));
    this.#byRef.set(framework.id, refs);
  }

  has(id: string): boolean {
    return this.#frameworks.has(id);
  }

  /** @throws VigilError `framework.unknown` (404) naming the known ids. */
  get(id: string): Framework {
    const f = this.#frameworks.get(id);
    if (!f) throw new VigilError('framework.unknown', `unknown framework "${id}"; known: ${this.ids().join(', ')}`, { status: 404 });
    return f;
  }

  find(id: string): Framework | undefined {
    return this.#frameworks.get(id);
  }

  list(): Framework[] {
    return [...this.#frameworks.values()];
  }

  ids(): string[] {
    return [...this.#frameworks.keys()];
  }

  /**
   * Resolves a reference within a framework. A point or paragraph counts for its paragraph and
   * article too; a reference with no entry of its own resolves to its nearest enclosing entry.
   * @returns undefined when the framework is unknown or nothing encloses the reference.
   */
  resolve(frameworkId: string, ref: string): ResolvedRef | undefined {
    const framework = this.#frameworks.get(frameworkId);
    const refs = this.#byRef.get(frameworkId);
    if (!framework || !refs) return undefined;
    const countsFor = [ref, ...ancestorRefs(ref)].flatMap((r) => refs.get(r) ?? []);
    const requirement = countsFor[0];
    if (!requirement) return undefined;
    return { framework, requirement, countsFor, exact: requirement.ref === ref };
  }

  /** Why a reference does not resolve, with the right spelling when it is a near miss; undefined when it resolves. */
  explain(frameworkId: string, ref: string): string | undefined {
    const framework = this.#frameworks.get(frameworkId);
    if (!framework) {
      const versioned = this.ids().filter((id) => id.startsWith(`${frameworkId}@`));
      const near = closestMatch(frameworkId, this.ids());
      const hint =
        versioned.length > 0 ? ` (numbering moves between versions: use one of ${versioned.join(', ')})` : near ? ` (did you mean "${near}"?)` : '';
      return `unknown framework "${frameworkId}"${hint}; known: ${this.ids().join(', ')}`;
    }
    if (typeof ref !== 'string' || ref.length === 0) return `${frameworkId}: empty reference`;
    if (this.resolve(frameworkId, ref)) return undefined;
    const loose = looseRef(ref);
    const near = framework.requirements.find((r) => looseRef(r.ref) === loose);
    if (near) return `${frameworkId} "${ref}": write it as "${near.ref}"`;
    return `${frameworkId} has no requirement "${ref}" (references look like "${framework.refExample}")`;
  }

  /** Every mapping of these policies that does not resolve. */
  check(policies: Iterable<MappedPolicy>): MappingProblem[] {
    const problems: MappingProblem[] = [];
    for (const p of policies) {
      for (const [framework, value] of Object.entries(p.frameworks ?? {})) {
        for (const ref of refsOf(value)) {
          const message = this.explain(framework, ref);
          if (message) problems.push({ policyId: p.id, framework, ref: String(ref), message });
        }
      }
    }
    return problems;
  }

  /**
   * Which policies evidence which requirement, for every framework (or the ones named). A
   * requirement with no policy, or an organisational one, is flagged `manual`: reports list it
   * as "manual evidence needed" rather than leaving it out.
   */
  coverage(policies: Iterable<MappedPolicy>, frameworkIds: string[] = this.ids()): CoverageReport {
    const list = [...policies];
    const covering = new Map<string, Map<string, Set<string>>>();
    for (const p of list) {
      for (const [fid, value] of Object.entries(p.frameworks ?? {})) {
        for (const ref of refsOf(value)) {
          for (const r of this.resolve(fid, ref)?.countsFor ?? []) {
            const perFramework = covering.get(fid) ?? new Map<string, Set<string>>();
            covering.set(fid, perFramework);
            const ids = perFramework.get(r.ref) ?? new Set<string>();
            perFramework.set(r.ref, ids);
            ids.add(p.id);
          }
        }
      }
    }
    const frameworks = frameworkIds.map((id) => {
      const framework = this.get(id);
      return {
        framework,
        requirements: framework.requirements.map((requirement) => {
          const policyIds = [...(covering.get(id)?.get(requirement.ref) ?? [])].sort();
          return { requirement, policyIds, manual: !requirement.automatable || policyIds.length === 0 };
        }),
      };
    });
    return { frameworks, problems: this.check(list) };
  }
}
