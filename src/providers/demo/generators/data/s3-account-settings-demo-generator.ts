import type { DemoGenerator } from '../../demo-generator.js';
import { forcedExample } from './data-demo-vocabulary.js';

/**
 * The account-wide S3 Block Public Access settings, one per account. Most accounts block everything;
 * an account hosting public websites turns two flags off, and one never configured them at all.
 *
 * @example
 * s3AccountSettingsDemoGenerator.generate(ctx).config.PublicAccessBlockConfiguration;
 */
export const s3AccountSettingsDemoGenerator: DemoGenerator = {
  type: 'aws.s3.account-settings',
  scope: 'global',
  // One per account whatever the estate size.
  weight: 0,
  min: 1,
  generate: (ctx) => {
    const { rng, account } = ctx;
    if (forcedExample(ctx, 11) || rng.chance(0.03)) return { config: {} };
    const open = rng.chance(0.05);
    return {
      config: {
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: !open, RestrictPublicBuckets: !open },
      },
      id: account.id,
    };
  },
};
