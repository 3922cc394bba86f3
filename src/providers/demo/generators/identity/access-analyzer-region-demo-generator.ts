import type { DemoGenerator } from '../../demo-generator.js';
import { isoDaysAgo } from './demo-vocabulary.js';

/**
 * Access Analyzer per account and Region: most Regions have an active external-access analyzer
 * (account or organisation); a few have none, or only an unused-access analyzer, or a failed one.
 *
 * @example
 * accessAnalyzerRegionDemoGenerator.generate(ctx).config; // { Region: 'eu-west-1', analyzers: [...] }
 */
export const accessAnalyzerRegionDemoGenerator: DemoGenerator = {
  type: 'aws.accessanalyzer.region',
  scope: 'regional',
  weight: 0,
  min: 1,
  generate: ({ rng, account, region, now }) => {
    const r = rng.roll(0.5);
    const arn = (name: string) => `arn:aws:access-analyzer:${region}:${account.id}:analyzer/${name}`;
    const analyzers =
      r < 0.07
        ? []
        : r < 0.1
          ? [{ arn: arn('unused-access'), name: 'unused-access', type: 'ACCOUNT_UNUSED_ACCESS', status: 'ACTIVE', createdAt: isoDaysAgo(now, 200), tags: {} }]
          : r < 0.12
            ? [{ arn: arn('external'), name: 'external', type: 'ACCOUNT', status: 'FAILED', statusReason: { code: 'SERVICE_LINKED_ROLE_CREATION_FAILED' }, createdAt: isoDaysAgo(now, 90), tags: {} }]
            : [{ arn: arn('org-external'), name: 'org-external', type: rng.chance(0.5) ? 'ORGANIZATION' : 'ACCOUNT', status: 'ACTIVE', createdAt: isoDaysAgo(now, rng.int(30, 900)), tags: {} }];
    return { config: { Region: region, analyzers } };
  },
};
