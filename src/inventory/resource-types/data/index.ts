import type { ResourceTypeDefinition } from '../../resource-type.js';

/** Resource types of the data area; one line per type. */
export const dataResourceTypes: ResourceTypeDefinition[] = [];
