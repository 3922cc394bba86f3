import type { NamedFilterDefinition } from '../named-filter.js';

/** Named filters of the identity area; one line per filter. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const identityFilters: NamedFilterDefinition<any>[] = [];
