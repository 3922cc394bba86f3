import { Registry } from '../../common/registry.js';
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
 * The comparison operators of the condition language: a `Registry` keyed by name whose schema is the
 * operand. Its order of registration is the order editors list them in, so schema generation keeps it.
 *
 * @example
 * const ops = new OperatorRegistry();
 * ops.get('gt').compile(3)(4, { now: 0 }); // true
 */
export class OperatorRegistry extends Registry<OperatorDefinition<any>> {
  constructor(defs: Iterable<OperatorDefinition<any>> = builtinOperators()) {
    super('operator', [], { schema: (d) => d.operand });
    for (const d of defs) {
      // A keyword would shadow the compiler's own handling of `size`/`not`/quantifiers.
      if ((STRUCTURAL_KEYWORDS as readonly string[]).includes(d.name)) {
        throw new VigilError('registry.duplicate', `operator ${d.name} is registered twice or is a keyword`);
      }
      this.register(d);
    }
  }

  /** Every key allowed in a field test: operators (in registration order) and structural keywords. */
  keywords(): string[] {
    return [...this.inRegistrationOrder().map((d) => d.name), ...STRUCTURAL_KEYWORDS];
  }
}

export const builtinOperators = (): OperatorDefinition<any>[] => [
  ...equalityOperators,
  ...comparisonOperators,
  ...textOperators,
  ...ageOperators,
  cidrContains,
];
