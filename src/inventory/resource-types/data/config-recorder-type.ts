import type { ResourceTypeDefinition } from '../../resource-type.js';
import { configText } from './config-text.js';

/**
 * The AWS Config recorder of one account and Region: DescribeConfigurationRecorders' entry (`name`,
 * `roleARN`, `recordingGroup` {allSupported, includeGlobalResourceTypes, resourceTypes}, `recordingMode`)
 * with its DescribeConfigurationRecorderStatus entry under `status` ({recording, lastStatus…}); Config's
 * API is camelCase and so are these fields. A Region without any recorder is recorded as `{}` so
 * the control still sees it.
 *
 * @example
 * configRecorderType.identity({ name: 'default' }, { accountId: '111122223333', region: 'eu-west-1' }).arn;
 * // 'arn:aws:config:eu-west-1:111122223333:config-recorder/default'
 */
export const configRecorderType: ResourceTypeDefinition = {
  type: 'aws.config.recorder',
  provider: 'aws',
  service: 'config',
  title: 'AWS Config recorder',
  scope: 'regional',
  sources: ['DescribeConfigurationRecorders', 'DescribeConfigurationRecorderStatus'],
  identity: (c, { accountId, region }) => {
    // A missing recorder still needs a stable identity per Region, so the name falls back to a marker.
    const name = configText(c, 'name', '(none)');
    return { id: `${region}/${name}`, arn: `arn:aws:config:${region}:${accountId}:config-recorder/${name}`, name };
  },
  tags: () => ({}),
  example: {
    name: 'default',
    roleARN: 'arn:aws:iam::111122223333:role/aws-service-role/config.amazonaws.com/AWSServiceRoleForConfig',
    recordingGroup: { allSupported: true, includeGlobalResourceTypes: true, resourceTypes: [] },
    recordingMode: { recordingFrequency: 'CONTINUOUS' },
    status: { name: 'default', recording: true, lastStatus: 'Success', lastStartTime: '2025-01-01T00:00:00.000Z' },
  },
};
