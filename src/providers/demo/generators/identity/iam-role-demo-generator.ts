import type { DemoGenerator } from '../../demo-generator.js';
import { APPS, TEAMS, isoDaysAgo, ownerTags } from './demo-vocabulary.js';

const SERVICES = ['ec2.amazonaws.com', 'lambda.amazonaws.com', 'ecs-tasks.amazonaws.com', 'eks.amazonaws.com'] as const;

/**
 * IAM roles for workloads and people (SSO permission sets). A few carry an inline policy that grants
 * `*` on `*` — the inline half of the admin-star control.
 *
 * @example
 * iamRoleDemoGenerator.generate(ctx).config.RoleName; // 'payments-etl-role-3'
 */
export const iamRoleDemoGenerator: DemoGenerator = {
  type: 'aws.iam.role',
  scope: 'global',
  weight: 3,
  min: 4,
  generate: ({ rng, account, now, index }) => {
    const team = TEAMS[rng.int(0, TEAMS.length - 1)] as string;
    const name = `${team}-${APPS[index % APPS.length]}-role-${index}`;
    const adminInline = rng.chance(0.02);
    const inlineAction = rng.pick(['*', ['*'], 's3:GetObject'] as const);
    return {
      config: {
        Path: '/',
        RoleName: name,
        RoleId: `AROA${rng.upper(17)}`,
        Arn: `arn:aws:iam::${account.id}:role/${name}`,
        CreateDate: isoDaysAgo(now, rng.int(10, 1500)),
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: SERVICES[index % SERVICES.length] }, Action: 'sts:AssumeRole' }],
        },
        RolePolicyList: adminInline
          ? [{ PolicyName: 'break-glass', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: inlineAction === 's3:GetObject' ? '*' : inlineAction, Resource: '*' }] } }]
          : [],
        AttachedManagedPolicies: [{ PolicyName: `${team}-read`, PolicyArn: `arn:aws:iam::${account.id}:policy/${team}-read` }],
        RoleLastUsed: rng.chance(0.9) ? { LastUsedDate: isoDaysAgo(now, rng.int(0, 60)), Region: 'eu-west-1' } : {},
        Tags: ownerTags(rng.chance(0.95) ? team : undefined),
      },
    };
  },
};
