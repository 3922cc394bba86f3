import type { DemoGenerator } from '../../demo-generator.js';
import { demoKeyArn, forcedExample } from './data-demo-vocabulary.js';

/**
 * The account's CloudTrail trail, recorded once in its home Region (seed 001: CloudTrail on, everywhere).
 * Most are multi-Region, logging, validated and KMS-encrypted with all management events; a few
 * accounts have a single-Region trail, a stopped trail, write-only selectors, no digest validation or
 * no KMS key.
 *
 * @example
 * cloudtrailTrailDemoGenerator.generate(ctx).config.IsMultiRegionTrail; // true
 */
export const cloudtrailTrailDemoGenerator: DemoGenerator = {
  type: 'aws.cloudtrail.trail',
  scope: 'home',
  // One per account.
  weight: 0,
  min: 1,
  generate: (ctx) => {
    const { rng, account, region, index } = ctx;
    const name = index === 0 ? 'management-events' : `trail-${index}`;
    const arn = `arn:aws:cloudtrail:${region}:${account.id}:trail/${name}`;
    const singleRegion = forcedExample(ctx, 51, 0, true) || rng.chance(0.04);
    const stopped = rng.chance(0.03);
    const writeOnly = rng.chance(0.03);
    const noValidation = forcedExample(ctx, 54, 0, true) || rng.chance(0.05);
    const noKms = forcedExample(ctx, 55, 0, true) || rng.chance(0.06);
    const advanced = rng.chance(0.3);
    const config: Record<string, unknown> = {
      Name: name,
      TrailARN: arn,
      HomeRegion: region,
      S3BucketName: `${account.name}-cloudtrail-logs`,
      IncludeGlobalServiceEvents: !singleRegion,
      IsMultiRegionTrail: !singleRegion,
      IsOrganizationTrail: false,
      LogFileValidationEnabled: !noValidation,
      CloudWatchLogsLogGroupArn: `arn:aws:logs:${region}:${account.id}:log-group:aws-cloudtrail/${name}:*`,
      HasCustomEventSelectors: advanced || writeOnly,
      HasInsightSelectors: false,
      IsLogging: !stopped,
      TagsList: [{ Key: 'owner', Value: 'security' }],
    };
    if (!noKms) config.KmsKeyId = demoKeyArn(account.id, region, 0);
    if (advanced) {
      const fields: Record<string, unknown>[] = [{ Field: 'eventCategory', Equals: ['Management'] }];
      if (writeOnly) fields.push({ Field: 'readOnly', Equals: ['false'] });
      config.AdvancedEventSelectors = [{ Name: 'Management events selector', FieldSelectors: fields }];
    } else {
      config.EventSelectors = [{ ReadWriteType: writeOnly ? 'WriteOnly' : 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }];
    }
    return { config, id: name, arn, name };
  },
};
