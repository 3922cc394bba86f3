import type { DemoGenerator } from '../../demo-generator.js';

/** Demo generators of the backup area; one line per generator. */
export const backupGenerators: DemoGenerator[] = [];
