import type { ResourceTypeDefinition } from '../../resource-type.js';
import { tagMap } from '../../resource-type.js';

/**
 * A customer managed IAM policy: the ListPolicies/GetPolicy fields (PolicyName, PolicyId, Arn, Path,
 * DefaultVersionId, AttachmentCount, IsAttachable, CreateDate, UpdateDate, Tags) plus `PolicyVersion`,
 * GetPolicyVersion's result for the default version with `Document` already parsed from its
 * URL-encoded JSON, so a policy reads `PolicyVersion.Document.Statement[*].Effect`.
 *
 * @example
 * iamPolicyResourceType.identity({ PolicyName: 'ops', Arn: 'arn:aws:iam::111122223333:policy/ops' }, where).id; // 'ops'
 */
export const iamPolicyResourceType: ResourceTypeDefinition = {
  type: 'aws.iam.policy',
  provider: 'aws',
  service: 'iam',
  title: 'IAM customer managed policy',
  scope: 'global',
  sources: ['ListPolicies', 'GetPolicy', 'GetPolicyVersion'],
  identity: (c, { accountId }) => {
    const name = String(c.PolicyName);
    return { id: name, name, arn: typeof c.Arn === 'string' ? c.Arn : `arn:aws:iam::${accountId}:policy/${name}` };
  },
  tags: (c) => tagMap(c.Tags),
  example: {
    PolicyName: 'payments-read',
    PolicyId: 'ANPAEXAMPLE0000000001',
    Arn: 'arn:aws:iam::111122223333:policy/payments-read',
    Path: '/',
    DefaultVersionId: 'v2',
    AttachmentCount: 1,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    CreateDate: '2025-01-10T10:00:00Z',
    UpdateDate: '2025-06-10T10:00:00Z',
    Tags: [{ Key: 'owner', Value: 'payments' }],
    PolicyVersion: {
      VersionId: 'v2',
      IsDefaultVersion: true,
      CreateDate: '2025-06-10T10:00:00Z',
      Document: {
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: ['dynamodb:GetItem', 'dynamodb:Query'], Resource: 'arn:aws:dynamodb:eu-west-1:111122223333:table/payments' }],
      },
    },
  },
};
