import type { ResourceTypeDefinition } from '../../resource-type.js';

/** Resource types of the backup area; one line per type. */
export const backupResourceTypes: ResourceTypeDefinition[] = [];
