import type { ResourceTypeDefinition } from '../resource-type.js';
import { backupResourceTypes } from './backup/index.js';
import { dataResourceTypes } from './data/index.js';
import { identityResourceTypes } from './identity/index.js';

/** Every built-in resource type, by area. */
export const allResourceTypes = (): ResourceTypeDefinition[] => [...identityResourceTypes, ...dataResourceTypes, ...backupResourceTypes];
