import type { Clock } from '../common/clock.js';
import { UsageError } from '../common/vigil-error.js';
import type { VigilConfig } from '../config/vigil-config.js';
import type { ResourceTypeRegistry } from '../inventory/resource-type-registry.js';
import { AwsProvider } from './aws/aws-provider.js';
import { allCollectors } from './aws/collectors/all-collectors.js';
import { broadcastProgress } from './aws/collection-progress.js';
import { DemoProvider } from './demo/demo-provider.js';
import { allDemoGenerators } from './demo/generators/all-generators.js';
import { FileProvider } from './file/file-provider.js';
import type { Provider } from './provider.js';

/**
 * The provider a source names: `demo`, `file:<path>` or `aws` (live AWS: `config.aws` says which accounts and regions).
 * @example createProvider('file:inventory.jsonl', config, types, clock).name; // 'file:inventory.jsonl'
 */
export const createProvider = (source: string, config: VigilConfig, types: ResourceTypeRegistry, clock: Clock): Provider => {
  const batchSize = config.scan.batchSize;
  if (source === 'demo') return new DemoProvider({ seed: config.demo.seed, size: config.demo.size, batchSize }, allDemoGenerators(), types, clock);
  if (source.startsWith('file:') && source.length > 5) return new FileProvider(source.slice(5), types, clock, batchSize);
  if (source === 'aws') {
    return new AwsProvider({
      settings: config.aws, collectors: allCollectors(), clock, batchSize,
      // One JSON line per failure on stderr (from a scan worker too): the summary lists them again.
      log: (line) => process.stderr.write(`${line}\n`),
      progress: broadcastProgress(),
    });
  }
  throw new UsageError(`unknown source "${source}": use demo, file:<path> or aws`);
};
