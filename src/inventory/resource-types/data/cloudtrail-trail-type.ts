import { tagMap, type ResourceTypeDefinition } from '../../resource-type.js';
import { configText } from './config-text.js';

/**
 * A CloudTrail trail: DescribeTrails' fields (`IsMultiRegionTrail`, `LogFileValidationEnabled`, `KmsKeyId`,
 * `HomeRegion`, `TrailARN`…), plus `IsLogging` from GetTrailStatus, `EventSelectors` /
 * `AdvancedEventSelectors` from GetEventSelectors and `TagsList` from ListTags. A multi-Region trail is
 * recorded once, in its home Region (shadow copies are skipped), so it is judged once.
 *
 * @example
 * cloudtrailTrailType.identity({ Name: 'org-trail', TrailARN: 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-trail' },
 *   { accountId: '111122223333', region: 'eu-west-1' }).id; // 'org-trail'
 */
export const cloudtrailTrailType: ResourceTypeDefinition = {
  type: 'aws.cloudtrail.trail',
  provider: 'aws',
  service: 'cloudtrail',
  title: 'CloudTrail trail',
  scope: 'regional',
  sources: ['DescribeTrails', 'GetTrailStatus', 'GetEventSelectors', 'ListTags'],
  identity: (c, { accountId, region }) => {
    const name = configText(c, 'Name');
    return { id: name, arn: configText(c, 'TrailARN', `arn:aws:cloudtrail:${region}:${accountId}:trail/${name}`), name };
  },
  tags: (c) => tagMap(c.TagsList),
  example: {
    Name: 'org-trail',
    TrailARN: 'arn:aws:cloudtrail:eu-west-1:111122223333:trail/org-trail',
    HomeRegion: 'eu-west-1',
    S3BucketName: 'audit-cloudtrail-111122223333',
    IncludeGlobalServiceEvents: true,
    IsMultiRegionTrail: true,
    IsOrganizationTrail: false,
    LogFileValidationEnabled: true,
    KmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
    CloudWatchLogsLogGroupArn: 'arn:aws:logs:eu-west-1:111122223333:log-group:cloudtrail/org-trail:*',
    HasCustomEventSelectors: false,
    IsLogging: true,
    EventSelectors: [{ ReadWriteType: 'All', IncludeManagementEvents: true, DataResources: [], ExcludeManagementEventSources: [] }],
    TagsList: [{ Key: 'owner', Value: 'security' }],
  },
};
