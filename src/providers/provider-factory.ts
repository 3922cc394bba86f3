import type { Clock } from '../common/clock.js';
import { UsageError } from '../common/vigil-error.js';
import type { ResourceTypeRegistry } from '../inventory/resource-type-registry.js';
import type { AwsSettings } from './aws/aws-settings.js';
import { DemoProvider } from './demo/demo-provider.js';
import type { DemoOverlay } from './demo/demo-overlay.js';
import { allDemoGenerators } from './demo/generators/all-generators.js';
import { allConfigItemMappers, CONFIG_TYPES_LACKING_FIELDS } from './aws-config/all-config-item-mappers.js';
import { AwsConfigProvider } from './aws-config/aws-config-provider.js';
import { LocalDeliverySource, type DeliveryObjectSource } from './aws-config/delivery-object-source.js';
import { BottlerocketReportsProvider } from './bottlerocket/bottlerocket-reports-provider.js';
import { FileProvider } from './file/file-provider.js';
import { LazyProvider } from './lazy-provider.js';
import type { Provider } from './provider.js';
import { SOURCE_FORMS } from './provider-sources.js';

/**
 * What providers are built with, all from config (`scan.batchSize`, `demo`): no provider has a
 * default of its own, so a setting has one home.
 */
export interface ProviderSettings {
  /** Resources per collected batch. */
  batchSize: number;
  demo: { seed: string | number; size: number; fixPerDay?: number; fixFrom?: string; overlay?: DemoOverlay; /** See DemoOptions.epoch. */ epoch?: number };
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
    return new DemoProvider({ seed: demo.seed, size: demo.size, batchSize, ...fixes, ...(demo.overlay ? { overlay: demo.overlay } : {}), ...(demo.epoch !== undefined ? { epoch: demo.epoch } : {}) }, allDemoGenerators(), types, clock);
  }
  if (source.startsWith('file:') && source.length > 5) return new FileProvider(source.slice(5), types, clock, batchSize);
  // The AWS SDK loads only for the sources that call AWS (see LazyProvider).
  if (source === 'aws') {
    return new LazyProvider('aws', async () => {
      const [{ AwsProvider }, { awsCollectors }, { broadcastProgress }] = await Promise.all([
        import('./aws/aws-provider.js'), import('./aws/collectors/all-collectors.js'), import('./aws/collection-progress.js'),
      ]);
      return new AwsProvider({
        settings: settings.aws, collectors: awsCollectors(settings.aws), clock, batchSize,
        // One JSON line per failure on stderr (from a scan worker too): the summary lists them again.
        log: (line) => process.stderr.write(`${line}\n`),
        progress: broadcastProgress(),
      });
    });
  }
  if (source.startsWith('aws-config:') && source.length > 11) {
    return overDelivery(source, source.slice(11), (from) => new AwsConfigProvider(from, allConfigItemMappers(), CONFIG_TYPES_LACKING_FIELDS, types, batchSize));
  }
  if (source.startsWith('bottlerocket-reports:') && source.length > 21) {
    return overDelivery(source, source.slice(21), (from) => new BottlerocketReportsProvider(from, types, batchSize));
  }
  throw new UsageError(`unknown source "${source}": use ${SOURCE_FORMS}`);
};

/**
 * A provider reading a directory, a file or an S3 prefix. The S3 client takes the standard credential
 * chain, region and endpoint settings (AWS_REGION, AWS_ENDPOINT_URL_S3…) and follows a bucket's region
 * redirect; it is imported only for an S3 location.
 */
const overDelivery = (source: string, location: string, build: (from: DeliveryObjectSource) => Provider): Provider => {
  if (!location.startsWith('s3://')) return build(new LocalDeliverySource(location));
  return new LazyProvider(source, async () => {
    const [{ S3Client }, { S3DeliverySource }] = await Promise.all([import('@aws-sdk/client-s3'), import('./aws-config/s3-delivery-source.js')]);
    const forcePathStyle = !!(process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL);
    return build(new S3DeliverySource(location, new S3Client({ followRegionRedirects: true, forcePathStyle })));
  });
};
