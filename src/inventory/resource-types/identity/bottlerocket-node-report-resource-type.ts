import type { ResourceTypeDefinition } from '../../resource-type.js';
import { tagMap } from '../../resource-type.js';

/**
 * The Bottlerocket CIS benchmark report of one node: the JSON that `apiclient report cis -f json`
 * prints (bloodhound's report: level, status PASS|FAIL|SKIP, passed, failed, skipped, total,
 * timestamp, name, version, url, and `results` keyed by checker name, e.g. `br01030100` (id 1.3.1
 * "Ensure dm-verity is configured") and `br01050100` (id 1.5.1 "Ensure SELinux is configured"),
 * each `{ name, id, level, title, mode, status, error }`).
 * The collector adds the node's context at the top level: `InstanceId`, `ClusterName`, `NodeName`
 * and the instance's `Tags`, so owners and reminders follow the node.
 *
 * @example
 * bottlerocketNodeReportResourceType.identity({ InstanceId: 'i-0abc' }, { accountId: '111122223333', region: 'eu-west-1' }).arn;
 * // 'arn:aws:ec2:eu-west-1:111122223333:instance/i-0abc/bottlerocket-cis-report'
 */
export const bottlerocketNodeReportResourceType: ResourceTypeDefinition = {
  type: 'aws.bottlerocket.node-report',
  provider: 'aws',
  service: 'bottlerocket',
  title: 'Bottlerocket node CIS report',
  scope: 'regional',
  sources: ['ssm:SendCommand apiclient report cis -f json'],
  identity: (c, { accountId, region }) => {
    const id = String(c.InstanceId);
    // Its own ARN, distinct from the instance's, because violations and the store are keyed by ARN.
    return { id, name: typeof c.NodeName === 'string' ? c.NodeName : id, arn: `arn:aws:ec2:${region}:${accountId}:instance/${id}/bottlerocket-cis-report` };
  },
  tags: (c) => tagMap(c.Tags),
  example: {
    InstanceId: 'i-0a1b2c3d4e5f60718',
    ClusterName: 'payments-prod',
    NodeName: 'ip-10-0-1-15.eu-west-1.compute.internal',
    Tags: [{ Key: 'owner', Value: 'platform' }],
    level: 1,
    total: 2,
    passed: 2,
    skipped: 0,
    failed: 0,
    status: 'PASS',
    timestamp: '2026-11-22T06:00:00.000000000Z',
    name: 'CIS Bottlerocket Benchmark',
    version: 'v1.0.0',
    url: 'https://www.cisecurity.org/benchmark/bottlerocket',
    results: {
      br01030100: { name: 'br01030100', id: '1.3.1', level: 1, title: 'Ensure dm-verity is configured', mode: 'Automatic', status: 'PASS', error: '' },
      br01050100: { name: 'br01050100', id: '1.5.1', level: 1, title: 'Ensure SELinux is configured', mode: 'Automatic', status: 'PASS', error: '' },
    },
  },
};
