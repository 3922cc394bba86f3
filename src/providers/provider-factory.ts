import { S3Client } from '@aws-sdk/client-s3';
import type { Clock } from '../common/clock.js';
import { UsageError } from '../common/vigil-error.js';
import type { VigilConfig } from '../config/vigil-config.js';
import type { ResourceTypeRegistry } from '../inventory/resource-type-registry.js';
import { DemoProvider } from './demo/demo-provider.js';
import { allDemoGenerators } from './demo/generators/all-generators.js';
import { allConfigItemMappers, CONFIG_TYPES_LACKING_FIELDS } from './aws-config/all-config-item-mappers.js';
import { AwsConfigProvider } from './aws-config/aws-config-provider.js';
import { LocalDeliverySource, S3DeliverySource, type DeliveryObjectSource } from './aws-config/delivery-object-source.js';
import { BottlerocketReportsProvider } from './bottlerocket/bottlerocket-reports-provider.js';
import { FileProvider } from './file/file-provider.js';
import type { Provider } from './provider.js';

/**
 * The provider a source names: `demo`, `file:<path>`, `aws-config:<dir|s3://…>` or `bottlerocket-reports:<dir|s3://…>`.
 * @example createProvider('file:inventory.jsonl', config, types, clock).name; // 'file:inventory.jsonl'
 */
export const createProvider = (source: string, config: VigilConfig, types: ResourceTypeRegistry, clock: Clock): Provider => {
  const batchSize = config.scan.batchSize;
  if (source === 'demo') return new DemoProvider({ seed: config.demo.seed, size: config.demo.size, batchSize }, allDemoGenerators(), types, clock);
  if (source.startsWith('file:') && source.length > 5) return new FileProvider(source.slice(5), types, clock, batchSize);
  if (source.startsWith('aws-config:') && source.length > 11) {
    return new AwsConfigProvider(deliverySource(source.slice(11)), allConfigItemMappers(), CONFIG_TYPES_LACKING_FIELDS, types, batchSize);
  }
  if (source.startsWith('bottlerocket-reports:') && source.length > 21) return new BottlerocketReportsProvider(deliverySource(source.slice(21)), types, batchSize);
  throw new UsageError(`unknown source "${source}": use demo, file:<path>, aws-config:<dir|s3://bucket/prefix> or bottlerocket-reports:<dir|s3://bucket/prefix>`);
};

/**
 * A directory, a file or an S3 prefix. The S3 client takes the standard credential chain, region and
 * endpoint settings (AWS_REGION, AWS_ENDPOINT_URL_S3…) and follows a bucket's region redirect.
 */
const deliverySource = (location: string): DeliveryObjectSource =>
  location.startsWith('s3://')
    ? new S3DeliverySource(location, new S3Client({ followRegionRedirects: true, forcePathStyle: !!(process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL) }))
    : new LocalDeliverySource(location);
