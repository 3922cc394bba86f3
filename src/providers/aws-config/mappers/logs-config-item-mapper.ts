import { camelKey, defined, type ConfigItemMapper } from '../config-item-mapper.js';

const logGroup: ConfigItemMapper = {
  configType: 'AWS::Logs::LogGroup',
  type: 'aws.logs.log-group',
  // Config records the CloudFormation-style properties (LogGroupName, RetentionInDays, KmsKeyId, Arn);
  // DescribeLogGroups is camelCase and its `arn` ends in ":*", so the group's own ARN goes to logGroupArn.
  toConfig: (item) => {
    const c: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(item.configuration)) c[camelKey(k)] = v;
    const arn = typeof c.arn === 'string' ? c.arn.replace(/:\*$/, '') : item.arn;
    return defined({ ...c, logGroupName: c.logGroupName ?? item.resourceName ?? item.resourceId, logGroupArn: c.logGroupArn ?? arn, arn: arn ? `${arn}:*` : undefined, tags: item.tags });
  },
};

/** CloudWatch Logs: log groups (retention). */
export const logsConfigItemMappers: ConfigItemMapper[] = [logGroup];
