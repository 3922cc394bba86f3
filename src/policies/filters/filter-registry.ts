import { Registry } from '../../common/registry.js';
import type { NamedFilterDefinition } from './named-filter.js';

/**
 * The named filters usable as `{ filter: <name>, …params }` in a condition: a `Registry` keyed by
 * name whose schema is the filter's `params`.
 *
 * @example
 * const filters = new FilterRegistry(allFilters());
 * filters.get('bucket-policy-allows-public').needs; // resource types to preload
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export class FilterRegistry extends Registry<NamedFilterDefinition<any>> {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  constructor(defs: Iterable<NamedFilterDefinition<any>> = []) {
    super('filter', defs, { schema: (d) => d.params });
  }
}
