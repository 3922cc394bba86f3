import type { DemoGenerator } from '../../demo-generator.js';
import { forcedExample, isoDaysAgo } from './data-demo-vocabulary.js';

/**
 * The AWS Config recorder of each account and Region (CIS 3.3: all resources, recording). A few
 * Regions record only chosen types, have a stopped recorder, or none at all (recorded as `{}`).
 *
 * @example
 * configRecorderDemoGenerator.generate(ctx).config.recordingGroup; // { allSupported: true, ... }
 */
export const configRecorderDemoGenerator: DemoGenerator = {
  type: 'aws.config.recorder',
  scope: 'regional',
  // One per account and Region.
  weight: 0,
  min: 1,
  generate: (ctx) => {
    const { rng, account, region, now } = ctx;
    if (forcedExample(ctx, 61) || rng.chance(0.02)) return { config: {} };
    const partial = rng.chance(0.03);
    const stopped = rng.chance(0.03);
    const home = region === ctx.regions[0];
    return {
      config: {
        name: 'default',
        roleARN: `arn:aws:iam::${account.id}:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig`,
        recordingGroup: partial
          ? { allSupported: false, includeGlobalResourceTypes: false, resourceTypes: ['AWS::EC2::Instance', 'AWS::S3::Bucket'] }
          : { allSupported: true, includeGlobalResourceTypes: home, resourceTypes: [] },
        recordingMode: { recordingFrequency: 'CONTINUOUS' },
        status: stopped
          ? { name: 'default', recording: false, lastStatus: 'Pending', lastStopTime: isoDaysAgo(now, rng.int(3, 90)) }
          : { name: 'default', recording: true, lastStatus: 'Success', lastStartTime: isoDaysAgo(now, rng.int(30, 900)) },
      },
    };
  },
};
