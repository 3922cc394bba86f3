import type { ResourceTypeDefinition } from '../../resource-type.js';
import { tagMap } from '../../resource-type.js';

/**
 * An IAM role: its `RoleDetailList` entry from GetAccountAuthorizationDetails (RoleName, RoleId, Arn,
 * CreateDate, AssumeRolePolicyDocument, RolePolicyList, AttachedManagedPolicies, RoleLastUsed, Tags).
 * Policy documents are kept parsed (the API returns them URL-encoded) so paths reach into them.
 *
 * @example
 * iamRoleResourceType.identity({ RoleName: 'deployer', Arn: 'arn:aws:iam::111122223333:role/deployer' }, where).name; // 'deployer'
 */
export const iamRoleResourceType: ResourceTypeDefinition = {
  type: 'aws.iam.role',
  provider: 'aws',
  service: 'iam',
  title: 'IAM role',
  scope: 'global',
  sources: ['GetAccountAuthorizationDetails'],
  identity: (c, { accountId }) => {
    const name = String(c.RoleName);
    return { id: name, name, arn: typeof c.Arn === 'string' ? c.Arn : `arn:aws:iam::${accountId}:role/${name}` };
  },
  tags: (c) => tagMap(c.Tags),
  example: {
    Path: '/',
    RoleName: 'payments-api',
    RoleId: 'AROAEXAMPLE0000000001',
    Arn: 'arn:aws:iam::111122223333:role/payments-api',
    CreateDate: '2025-01-10T10:00:00Z',
    AssumeRolePolicyDocument: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    },
    RolePolicyList: [],
    AttachedManagedPolicies: [{ PolicyName: 'payments-read', PolicyArn: 'arn:aws:iam::111122223333:policy/payments-read' }],
    RoleLastUsed: { LastUsedDate: '2026-11-21T10:00:00Z', Region: 'eu-west-1' },
    Tags: [{ Key: 'owner', Value: 'payments' }],
  },
};
