import type { DemoGenerator } from '../demo-generator.js';
import { backupGenerators } from './backup/index.js';
import { dataGenerators } from './data/index.js';
import { identityGenerators } from './identity/index.js';

/** Every demo generator, by area. */
export const allDemoGenerators = (): DemoGenerator[] => [...identityGenerators, ...dataGenerators, ...backupGenerators];
