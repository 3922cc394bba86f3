import type { NamedFilterDefinition } from './named-filter.js';
import { backupFilters } from './backup/index.js';
import { dataFilters } from './data/index.js';
import { identityFilters } from './identity/index.js';

/** Every built-in named filter, by area. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const allFilters = (): NamedFilterDefinition<any>[] => [...identityFilters, ...dataFilters, ...backupFilters];
