import { VigilError } from '../../common/vigil-error.js';
import { ageOperators } from './age-operators.js';
import { cidrContains } from './cidr-contains-operator.js';
import { comparisonOperators } from './comparison-operators.js';
import { equalityOperators } from './equality-operators.js';
import type { OperatorDefinition } from './operator.js';
import { textOperators } from './text-operators.js';

/**
 * Field-test keywords the compiler handles itself because they nest other tests: `size` (test the
 * length), `not` (negate), and the quantifiers `any` / `all` / `none` over array elements.
 */
export const STRUCTURAL_KEYWORDS = ['size', 'not', 'any', 'all', 'none'] as const;

/**
 * The comparison operators of the condition language.
 *
 * @example
 * const ops = new OperatorRegistry();
 * ops.get('gt').compile(3)(4, { now: 0 }); // true
 */
export class OperatorRegistry {
  readonly #ops = new Map<string, OperatorDefinition<any>>();

  constructor(defs: Iterable<OperatorDefinition<any>> = builtinOperators()) {
    for (const d of defs) {
      if (this.#ops.has(d.name) || (STRUCTURAL_KEYWORDS as readonly string[]).includes(d.name)) {
        throw new VigilError('registry.duplicate', `operator ${d.name} is registered twice or is a keyword`);
      }
      this.#ops.set(d.name, d);
    }
  }

  has(name: string): boolean {
    return this.#ops.has(name);
  }

  get(name: string): OperatorDefinition<any> {
    const d = this.#ops.get(name);
    if (!d) throw new VigilError('operator.unknown', `unknown operator "${name}"`, { status: 400 });
    return d;
  }

  list(): OperatorDefinition<any>[] {
    return [...this.#ops.values()];
  }

  /** Every key allowed in a field test: operators and structural keywords. */
  keywords(): string[] {
    return [...this.#ops.keys(), ...STRUCTURAL_KEYWORDS];
  }
}

export const builtinOperators = (): OperatorDefinition<any>[] => [
  ...equalityOperators,
  ...comparisonOperators,
  ...textOperators,
  ...ageOperators,
  cidrContains,
];
