import type { ResourceTypeDefinition } from '../../resource-type.js';
import { configText } from './config-text.js';

/**
 * A CloudWatch Logs log group as DescribeLogGroups returns it, camelCase as that API spells it:
 * `logGroupName`, `arn` (ends in `:*`), `logGroupArn`, `creationTime` (epoch ms), `retentionInDays`
 * (absent = never expire), `storedBytes`, `kmsKeyId`; `tags` is ListTagsForResource's map.
 *
 * @example
 * logsLogGroupType.identity({ logGroupName: '/aws/lambda/checkout' }, { accountId: '111122223333', region: 'eu-west-1' }).arn;
 * // 'arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/checkout'
 */
export const logsLogGroupType: ResourceTypeDefinition = {
  type: 'aws.logs.log-group',
  provider: 'aws',
  service: 'logs',
  title: 'CloudWatch Logs log group',
  scope: 'regional',
  sources: ['DescribeLogGroups', 'ListTagsForResource'],
  identity: (c, { accountId, region }) => {
    const name = configText(c, 'logGroupName');
    // The `arn` field ends in ":*" (it names the streams too); the group itself is logGroupArn.
    return { id: name, arn: configText(c, 'logGroupArn', `arn:aws:logs:${region}:${accountId}:log-group:${name}`), name };
  },
  tags: (c) => {
    const t = c.tags;
    const out: Record<string, string> = {};
    if (t && typeof t === 'object' && !Array.isArray(t)) for (const [k, v] of Object.entries(t)) out[k] = v == null ? '' : String(v);
    return out;
  },
  example: {
    logGroupName: '/aws/lambda/checkout',
    arn: 'arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/checkout:*',
    logGroupArn: 'arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/checkout',
    creationTime: 1717200000000,
    retentionInDays: 90,
    storedBytes: 104857600,
    metricFilterCount: 0,
    logGroupClass: 'STANDARD',
    tags: { owner: 'checkout' },
  },
};
