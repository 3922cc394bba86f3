import type { Migration } from './migration.js';
import { initialSchema } from './0001-initial-schema.js';
import { leanInventory } from './0002-lean-inventory.js';
import { fewerViolationIndexes } from './0003-fewer-violation-indexes.js';
import { enforcementBus } from './0004-enforcement-bus.js';

/** Every migration, oldest first. */
export const ALL_MIGRATIONS: readonly Migration[] = [initialSchema, leanInventory, fewerViolationIndexes, enforcementBus];
