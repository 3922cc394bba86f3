import type { ServiceCollector } from './service-collector.js';

/** What the framework itself calls in each scanned account, besides the collectors: region discovery. */
export const FRAMEWORK_PERMISSIONS = ['ec2:DescribeRegions'] as const;

/** What the principal Vigil runs as needs to find the accounts (in the management or a delegated account). */
export const DISCOVERY_PERMISSIONS = ['organizations:DescribeOrganizationalUnit', 'organizations:ListAccounts', 'organizations:ListParents'] as const;

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

const pascal = (s: string): string => s.split(/[^a-zA-Z0-9]+/).filter(Boolean).map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');

/**
 * Every IAM action the collectors declare (plus region discovery), deduplicated and sorted.
 * @example collectorActions([kmsCollector]); // ['ec2:DescribeRegions', 'kms:DescribeKey', …]
 */
export const collectorActions = (collectors: readonly ServiceCollector[]): string[] =>
  [...new Set([...collectors.flatMap((c) => c.permissions), ...FRAMEWORK_PERMISSIONS])].sort((a, b) => a.localeCompare(b, 'en'));

/**
 * The actions collectors grant only on named resources, with those resources (merged across collectors).
 * @example collectorResources([bottlerocketReportCollector({ bucket: 'r', prefix: 'cis' })])['s3:GetObject']; // ['arn:aws:s3:::r/cis/*']
 */
export const collectorResources = (collectors: readonly ServiceCollector[]): Record<string, string[]> => {
  const out: Record<string, string[]> = {};
  for (const c of collectors) for (const [action, arns] of Object.entries(c.resources ?? {})) out[action] = [...new Set([...(out[action] ?? []), ...arns])].sort();
  return out;
};

/**
 * A policy document with one statement per service (`Sid: ReadKms`), actions sorted: the shape a
 * reviewer can read line by line. Resource `*`: the collectors list everything of each service;
 * actions in `scoped` get a statement of their own on just their resources (`Sid: ReadS3Objects1`).
 * @example iamPolicyDocument(['kms:ListKeys', 'backup:ListBackupVaults']).Statement.map((s) => s.Sid); // ['ReadBackup', 'ReadKms']
 */
export const iamPolicyDocument = (actions: readonly string[], scoped: Readonly<Record<string, readonly string[]>> = {}): PolicyDocument => {
  const byService = new Map<string, string[]>();
  for (const a of [...new Set(actions)].filter((x) => !scoped[x]).sort((x, y) => x.localeCompare(y, 'en'))) {
    const service = a.split(':')[0] as string;
    byService.set(service, [...(byService.get(service) ?? []), a]);
  }
  return {
    Version: '2012-10-17',
    Statement: [
      ...[...byService].sort(([a], [b]) => a.localeCompare(b, 'en')).map(([service, Action]) => ({ Sid: `Read${pascal(service)}`, Effect: 'Allow' as const, Action, Resource: '*' })),
      ...Object.entries(scoped)
        .filter(([a]) => actions.includes(a))
        .sort(([a], [b]) => a.localeCompare(b, 'en'))
        .map(([action, Resource], i) => ({ Sid: `Read${pascal(action.split(':')[0] as string)}Scoped${i + 1}`, Effect: 'Allow' as const, Action: [action], Resource: [...Resource] })),
    ],
  };
};

/**
 * The policy of the principal Vigil runs as: list the organisation's accounts and assume the
 * read-only role in each (only that role name, in any account).
 */
export const principalPolicyDocument = (roleName: string, partition = 'aws'): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [
    { Sid: 'DiscoverAccounts', Effect: 'Allow', Action: [...DISCOVERY_PERMISSIONS], Resource: '*' },
    { Sid: 'AssumeReadOnlyRole', Effect: 'Allow', Action: ['sts:AssumeRole'], Resource: `arn:${partition}:iam::*:role/${roleName}` },
  ],
});

/**
 * A CloudFormation template for the cross-account read-only role, ready for a service-managed
 * StackSet across the organisation: no account ids in it, the Vigil principal and external id as
 * parameters, the collector policy inline. Deploy with `--capabilities CAPABILITY_NAMED_IAM`.
 *
 * @example
 * const template = readOnlyRoleTemplate(iamPolicyDocument(collectorActions(allCollectors())), 'VigilReadOnly');
 * template.Resources.VigilReadOnlyRole.Type; // 'AWS::IAM::Role'
 */
export const readOnlyRoleTemplate = (policy: PolicyDocument, roleName: string) => ({
  AWSTemplateFormatVersion: '2010-09-09',
  Description: 'Vigil read-only collector role: lets the Vigil principal read the resources Vigil judges, and nothing else. Deploy to every account with a StackSet (CAPABILITY_NAMED_IAM).',
  Parameters: {
    VigilPrincipalArn: {
      Type: 'String',
      Description: 'ARN of the IAM role or user Vigil runs as (e.g. arn:aws:iam::<security account id>:role/vigil-collector)',
      AllowedPattern: '^arn:aws[a-z-]*:iam::\\d{12}:(role|user)/.+$',
    },
    ExternalId: {
      Type: 'String',
      Description: 'The external id Vigil sends (aws.externalId / --external-id); guards against the confused deputy',
      MinLength: 2,
      MaxLength: 1224,
      AllowedPattern: '^[\\w+=,.@:/-]+$',
    },
    RoleName: { Type: 'String', Default: roleName, Description: 'Name of the role (aws.roleName / --role-name)' },
  },
  Resources: {
    VigilReadOnlyRole: {
      Type: 'AWS::IAM::Role',
      Properties: {
        RoleName: { Ref: 'RoleName' },
        Description: 'Read-only access for the Vigil collector',
        MaxSessionDuration: 3600,
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: { Ref: 'VigilPrincipalArn' } },
              Action: 'sts:AssumeRole',
              Condition: { StringEquals: { 'sts:ExternalId': { Ref: 'ExternalId' } } },
            },
          ],
        },
        Policies: [{ PolicyName: 'VigilCollectorReadOnly', PolicyDocument: policy }],
        Tags: [{ Key: 'managed-by', Value: 'vigil' }],
      },
    },
  },
  Outputs: { RoleArn: { Description: 'The role Vigil assumes in this account', Value: { 'Fn::GetAtt': ['VigilReadOnlyRole', 'Arn'] } } },
});
