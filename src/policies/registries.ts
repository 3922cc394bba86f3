import { ResourceTypeRegistry } from '../inventory/resource-type-registry.js';
import { allResourceTypes } from '../inventory/resource-types/all-resource-types.js';
import { allFilters } from './filters/all-filters.js';
import { FilterRegistry } from './filters/filter-registry.js';
import { OperatorRegistry } from './operators/operator-registry.js';
import type { SchemaRegistries } from './policy-schema.js';

export type Registries = SchemaRegistries;

/**
 * The built-in registries: every resource type, operator and named filter Vigil ships.
 * A fresh set per call (no module-level state), so workers in one process never share mutable registries.
 *
 * @example
 * const { resourceTypes } = createRegistries();
 * resourceTypes.has('aws.s3.bucket'); // true
 */
export const createRegistries = (): Registries => ({
  resourceTypes: new ResourceTypeRegistry(allResourceTypes()),
  operators: new OperatorRegistry(),
  filters: new FilterRegistry(allFilters()),
});

/** The directory of the policies that ship with Vigil (works from src/ under tsx and from dist/). */
export const BUILTIN_POLICY_DIR = new URL('../../policies', import.meta.url).pathname;
