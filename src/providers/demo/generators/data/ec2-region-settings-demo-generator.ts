import type { DemoGenerator } from '../../demo-generator.js';
import { forcedExample } from './data-demo-vocabulary.js';

/**
 * EBS encryption-by-default per account and Region (CIS 5.1.1 v4): on almost everywhere, off in a few
 * Regions nobody looked at.
 *
 * @example
 * ec2RegionSettingsDemoGenerator.generate(ctx).config.EbsEncryptionByDefault; // true
 */
export const ec2RegionSettingsDemoGenerator: DemoGenerator = {
  type: 'aws.ec2.region-settings',
  scope: 'regional',
  // One per account and Region.
  weight: 0,
  min: 1,
  generate: (ctx) => {
    const on = !(forcedExample(ctx, 21) || ctx.rng.chance(0.05));
    return { config: { EbsEncryptionByDefault: on, KmsKeyId: 'alias/aws/ebs' } };
  },
};
