import type { DemoGenerator } from '../../demo-generator.js';

/** Demo generators of the data area; one line per generator. */
export const dataGenerators: DemoGenerator[] = [];
