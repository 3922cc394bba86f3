import type { Migration } from './migration.js';
import { initialSchema } from './0001-initial-schema.js';

/** Every migration, oldest first. */
export const ALL_MIGRATIONS: readonly Migration[] = [initialSchema];
