import type { DemoGenerator } from '../../demo-generator.js';
import { TEAMS, isoDaysAgo, ownerTags } from './demo-vocabulary.js';

const SCOPED = [
  ['s3:GetObject', 's3:ListBucket'],
  ['dynamodb:GetItem', 'dynamodb:Query', 'dynamodb:PutItem'],
  ['sqs:SendMessage', 'sqs:ReceiveMessage'],
  ['logs:CreateLogStream', 'logs:PutLogEvents'],
] as const;

/**
 * Customer managed policies: mostly scoped statements; a few grant admin in one of the shapes
 * people write it (`Action: "*"`, `Action: ["*"]`, `NotAction` on `*`), some of those unattached.
 *
 * @example
 * iamPolicyDemoGenerator.generate(ctx).config.PolicyVersion; // { VersionId: 'v3', Document: { Statement: [...] } }
 */
export const iamPolicyDemoGenerator: DemoGenerator = {
  type: 'aws.iam.policy',
  scope: 'global',
  weight: 1.5,
  min: 4,
  generate: ({ rng, account, now, index }) => {
    const team = TEAMS[index % TEAMS.length] as string;
    const name = `${team}-policy-${index}`;
    const a = rng.roll(0.5);
    const statement =
      a < 0.025
        ? { Effect: 'Allow', Action: '*', Resource: '*' }
        : a < 0.04
          ? { Effect: 'Allow', Action: ['*'], Resource: ['*'] }
          : a < 0.05
            ? { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*'], Resource: '*' }
            : { Effect: 'Allow', Action: SCOPED[index % SCOPED.length], Resource: `arn:aws:s3:::${team}-${index}/*` };
    const version = `v${rng.int(1, 5)}`;
    const created = rng.int(30, 1200);
    return {
      config: {
        PolicyName: name,
        PolicyId: `ANPA${rng.upper(17)}`,
        Arn: `arn:aws:iam::${account.id}:policy/${name}`,
        Path: '/',
        DefaultVersionId: version,
        AttachmentCount: rng.chance(0.85) ? rng.int(1, 6) : 0,
        PermissionsBoundaryUsageCount: 0,
        IsAttachable: true,
        CreateDate: isoDaysAgo(now, created),
        UpdateDate: isoDaysAgo(now, rng.int(0, created)),
        Tags: ownerTags(rng.chance(0.93) ? team : undefined),
        PolicyVersion: { VersionId: version, IsDefaultVersion: true, CreateDate: isoDaysAgo(now, rng.int(0, created)), Document: { Version: '2012-10-17', Statement: [statement] } },
      },
    };
  },
};
