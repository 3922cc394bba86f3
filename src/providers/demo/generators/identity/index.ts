import type { DemoGenerator } from '../../demo-generator.js';

/** Demo generators of the identity area; one line per generator. */
export const identityGenerators: DemoGenerator[] = [];
