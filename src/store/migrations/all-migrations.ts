import type { Migration } from './migration.js';
import { initialSchema } from './0001-initial-schema.js';
import { leanInventory } from './0002-lean-inventory.js';

/** Every migration, oldest first. */
export const ALL_MIGRATIONS: readonly Migration[] = [initialSchema, leanInventory];
