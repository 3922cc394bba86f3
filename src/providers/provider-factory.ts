import type { Clock } from '../common/clock.js';
import { UsageError } from '../common/vigil-error.js';
import type { ResourceTypeRegistry } from '../inventory/resource-type-registry.js';
import { DemoProvider } from './demo/demo-provider.js';
import { allDemoGenerators } from './demo/generators/all-generators.js';
import { FileProvider } from './file/file-provider.js';
import type { Provider } from './provider.js';
import { SOURCE_FORMS } from './provider-sources.js';

/**
 * What providers are built with, all from config (`scan.batchSize`, `demo`): no provider has a
 * default of its own, so a setting has one home.
 */
export interface ProviderSettings {
  /** Resources per collected batch. */
  batchSize: number;
  demo: { seed: string | number; size: number };
}

/**
 * The provider a source names: `demo` or `file:<path>` (AWS joins here, and in provider-sources.ts). Called by the composition
 * root only.
 * @example createProvider('file:inventory.jsonl', { batchSize: 1000, demo }, types, clock).name; // 'file:inventory.jsonl'
 */
export const createProvider = (source: string, settings: ProviderSettings, types: ResourceTypeRegistry, clock: Clock): Provider => {
  const { batchSize, demo } = settings;
  if (source === 'demo') return new DemoProvider({ seed: demo.seed, size: demo.size, batchSize }, allDemoGenerators(), types, clock);
  if (source.startsWith('file:') && source.length > 5) return new FileProvider(source.slice(5), types, clock, batchSize);
  throw new UsageError(`unknown source "${source}": use ${SOURCE_FORMS}`);
};
