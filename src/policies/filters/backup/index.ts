import type { NamedFilterDefinition } from '../named-filter.js';

/** Named filters of the backup area; one line per filter. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const backupFilters: NamedFilterDefinition<any>[] = [];
