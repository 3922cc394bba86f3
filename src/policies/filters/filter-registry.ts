import { VigilError } from '../../common/vigil-error.js';
import type { NamedFilterDefinition } from './named-filter.js';

/**
 * The named filters usable as `{ filter: <name>, …params }` in a condition.
 *
 * @example
 * const filters = new FilterRegistry(allFilters());
 * filters.get('bucket-policy-allows-public').needs; // resource types to preload
 */
export class FilterRegistry {
  readonly #filters = new Map<string, NamedFilterDefinition<any>>();

  constructor(defs: Iterable<NamedFilterDefinition<any>> = []) {
    for (const d of defs) {
      if (this.#filters.has(d.name)) throw new VigilError('registry.duplicate', `filter ${d.name} is registered twice`);
      this.#filters.set(d.name, d);
    }
  }

  has(name: string): boolean {
    return this.#filters.has(name);
  }

  get(name: string): NamedFilterDefinition<any> {
    const d = this.#filters.get(name);
    if (!d) throw new VigilError('filter.unknown', `unknown filter "${name}"`, { status: 400 });
    return d;
  }

  list(): NamedFilterDefinition<any>[] {
    return [...this.#filters.values()].sort((a, b) => a.name.localeCompare(b.name));
  }
}
