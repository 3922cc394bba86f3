import { S3Client } from '@aws-sdk/client-s3';
import type { Clock } from '../common/clock.js';
import { UsageError } from '../common/vigil-error.js';
import type { ResourceTypeRegistry } from '../inventory/resource-type-registry.js';
import { AwsProvider } from './aws/aws-provider.js';
import type { AwsSettings } from './aws/aws-settings.js';
import { awsCollectors } from './aws/collectors/all-collectors.js';
import { broadcastProgress } from './aws/collection-progress.js';
import { DemoProvider } from './demo/demo-provider.js';
import { allDemoGenerators } from './demo/generators/all-generators.js';
import { allConfigItemMappers, CONFIG_TYPES_LACKING_FIELDS } from './aws-config/all-config-item-mappers.js';
import { AwsConfigProvider } from './aws-config/aws-config-provider.js';
import { LocalDeliverySource, S3DeliverySource, type DeliveryObjectSource } from './aws-config/delivery-object-source.js';
import { BottlerocketReportsProvider } from './bottlerocket/bottlerocket-reports-provider.js';
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
  demo: { seed: string | number; size: number; fixPerDay?: number; fixFrom?: string };
  /** `scan --source aws`: accounts, regions, role, concurrency (config `aws`). */
  aws: AwsSettings;
}

/**
 * The provider a source names: `demo` or `file:<path>` (AWS joins here, and in provider-sources.ts). Called by the composition
 * root only.
 * @example createProvider('file:inventory.jsonl', { batchSize: 1000, demo }, types, clock).name; // 'file:inventory.jsonl'
 */
export const createProvider = (source: string, settings: ProviderSettings, types: ResourceTypeRegistry, clock: Clock): Provider => {
  const { batchSize, demo } = settings;
  if (source === 'demo') {
    const fixes = demo.fixPerDay && demo.fixFrom ? { fixes: { from: Date.parse(demo.fixFrom), fractionPerDay: demo.fixPerDay } } : {};
    return new DemoProvider({ seed: demo.seed, size: demo.size, batchSize, ...fixes }, allDemoGenerators(), types, clock);
  }
  if (source.startsWith('file:') && source.length > 5) return new FileProvider(source.slice(5), types, clock, batchSize);
  if (source === 'aws') {
    return new AwsProvider({
      settings: settings.aws, collectors: awsCollectors(settings.aws), clock, batchSize,
      // One JSON line per failure on stderr (from a scan worker too): the summary lists them again.
      log: (line) => process.stderr.write(`${line}\n`),
      progress: broadcastProgress(),
    });
  }
  if (source.startsWith('aws-config:') && source.length > 11) {
    return new AwsConfigProvider(deliverySource(source.slice(11)), allConfigItemMappers(), CONFIG_TYPES_LACKING_FIELDS, types, batchSize);
  }
  if (source.startsWith('bottlerocket-reports:') && source.length > 21) return new BottlerocketReportsProvider(deliverySource(source.slice(21)), types, batchSize);
  throw new UsageError(`unknown source "${source}": use ${SOURCE_FORMS}`);
};

/**
 * A directory, a file or an S3 prefix. The S3 client takes the standard credential chain, region and
 * endpoint settings (AWS_REGION, AWS_ENDPOINT_URL_S3…) and follows a bucket's region redirect.
 */
const deliverySource = (location: string): DeliveryObjectSource =>
  location.startsWith('s3://')
    ? new S3DeliverySource(location, new S3Client({ followRegionRedirects: true, forcePathStyle: !!(process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL) }))
    : new LocalDeliverySource(location);
