import { DAY_MS } from '../../../../common/clock.js';
import type { DemoGenerator } from '../../demo-generator.js';
import { TEAMS, forcedExample } from './data-demo-vocabulary.js';

const PREFIXES = ['/aws/lambda/', '/ecs/', '/aws/eks/', '/aws/rds/instance/', '/app/'] as const;
const APPS = ['api', 'worker', 'etl', 'auth', 'billing', 'search', 'notifier', 'reports'] as const;
/** Retention values CloudWatch Logs accepts; most teams keep 3 months or more (seed 004). */
const GOOD_RETENTION = [90, 90, 180, 365, 365, 400, 731, 1827] as const;
const SHORT_RETENTION = [1, 7, 14, 30, 60] as const;

/**
 * CloudWatch Logs log groups, the bulk of the estate with buckets. A fifth never expire (passes: nothing
 * is lost), most keep 90 days or more, a few keep less than the firm's minimum.
 *
 * @example
 * logsLogGroupDemoGenerator.generate(ctx).config.logGroupName; // '/aws/lambda/payments-api-17'
 */
export const logsLogGroupDemoGenerator: DemoGenerator = {
  type: 'aws.logs.log-group',
  scope: 'regional',
  weight: 30,
  min: 4,
  generate: (ctx) => {
    const { rng, account, region, index, now } = ctx;
    const team = TEAMS[rng.int(0, TEAMS.length - 1)] as string;
    const name = `${PREFIXES[index % PREFIXES.length] as string}${team}-${APPS[rng.int(0, APPS.length - 1)] as string}-${index}`;
    const arn = `arn:aws:logs:${region}:${account.id}:log-group:${name}`;
    const short = forcedExample(ctx, 81) || rng.chance(0.05);
    const neverExpire = !short && (forcedExample(ctx, 82, 1) || rng.chance(0.2));
    const creationTime = now - rng.int(1, 1500) * DAY_MS;
    const storedBytes = rng.int(0, 50_000_000_000);
    const owned = rng.chance(0.95);
    const config: Record<string, unknown> = {
      logGroupName: name,
      creationTime,
      metricFilterCount: 0,
      arn: `${arn}:*`,
      logGroupArn: arn,
      storedBytes,
      logGroupClass: 'STANDARD',
      tags: owned ? { owner: team } : {},
    };
    if (!neverExpire) config.retentionInDays = short ? rng.pick(SHORT_RETENTION) : rng.pick(GOOD_RETENTION);
    // The resource's tags, as the type reads them from `config.tags`, without a second pass per group.
    const tags: Record<string, string> = owned ? { owner: team } : {};
    return { config, id: name, arn, name, tags };
  },
};
