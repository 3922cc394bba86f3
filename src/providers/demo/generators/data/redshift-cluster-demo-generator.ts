import type { DemoGenerator } from '../../demo-generator.js';
import { CLASSIFICATIONS, TEAMS, dataStoreTags, demoKeyArn, forcedExample, isProd, isoDaysAgo } from './data-demo-vocabulary.js';

/**
 * A few Redshift clusters (seed 004's warehouse), data stores that must carry a classification and,
 * in prod, a backup tag.
 *
 * @example
 * redshiftClusterDemoGenerator.generate(ctx).config.ClusterIdentifier; // 'data-warehouse-0'
 */
export const redshiftClusterDemoGenerator: DemoGenerator = {
  type: 'aws.redshift.cluster',
  scope: 'regional',
  weight: 0.1,
  min: 0,
  generate: (ctx) => {
    const { rng, account, region, index, now } = ctx;
    const team = TEAMS[rng.int(0, TEAMS.length - 1)] as string;
    const id = `${team}-warehouse-${index}`;
    const prod = isProd(account);
    const tags = dataStoreTags(
      {
        owner: team,
        classification: forcedExample(ctx, 91) || rng.chance(0.05) ? undefined : (CLASSIFICATIONS[rng.int(1, CLASSIFICATIONS.length - 1)] as string),
        backup: prod ? 'daily_35' : undefined,
      },
      prod ? 'prod' : 'nonprod',
    );
    return {
      config: {
        ClusterIdentifier: id,
        NodeType: 'ra3.xlplus',
        ClusterStatus: 'available',
        NumberOfNodes: rng.int(2, 4),
        ClusterCreateTime: isoDaysAgo(now, rng.int(30, 1200)),
        AvailabilityZone: `${region}c`,
        Encrypted: true,
        KmsKeyId: demoKeyArn(account.id, region, 0),
        PubliclyAccessible: false,
        AutomatedSnapshotRetentionPeriod: prod ? 30 : 7,
        MultiAZ: 'Disabled',
        Tags: tags.list,
      },
      id,
      arn: `arn:aws:redshift:${region}:${account.id}:cluster:${id}`,
      name: id,
      tags: tags.map,
    };
  },
};
