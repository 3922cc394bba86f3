import type { ResourceTypeDefinition } from '../../resource-type.js';

/** Resource types of the identity area; one line per type. */
export const identityResourceTypes: ResourceTypeDefinition[] = [];
