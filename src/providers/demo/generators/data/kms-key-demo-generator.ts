import { DAY_MS } from '../../../../common/clock.js';
import type { DemoGenerator } from '../../demo-generator.js';
import { isoAt } from '../demo-time.js';
import { TEAMS, demoKeyId, forcedExample, isoDaysAgo } from './data-demo-vocabulary.js';

const AWS_MANAGED = ['s3', 'ebs', 'rds', 'logs', 'redshift'] as const;

/** The key policy KMS creates by default (GetKeyPolicy `default`): the account's IAM policies decide. */
const defaultKeyPolicy = (accountId: string): Record<string, unknown> => ({
  Version: '2012-10-17',
  Id: 'key-default-1',
  Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'kms:*', Resource: '*' }],
});

/**
 * KMS keys. Keys 0–2 of every account and Region are the customer keys other demo resources encrypt
 * with (same ids); later ones are a mix of AWS managed keys (`alias/aws/…`, rotated by AWS),
 * asymmetric signing and HMAC keys (which cannot rotate), and customer symmetric keys — a few without
 * rotation, a few scheduled for deletion.
 *
 * @example
 * kmsKeyDemoGenerator.generate(ctx).config.KeyManager; // 'CUSTOMER'
 */
export const kmsKeyDemoGenerator: DemoGenerator = {
  type: 'aws.kms.key',
  scope: 'regional',
  weight: 2,
  min: 4,
  generate: (ctx) => {
    const { rng, account, region, index, now } = ctx;
    const keyId = demoKeyId(account.id, region, index);
    const arn = `arn:aws:kms:${region}:${account.id}:key/${keyId}`;
    const team = TEAMS[rng.int(0, TEAMS.length - 1)] as string;
    const shared = index < 3;
    const awsManaged = !shared && rng.chance(0.15);
    const kind = shared || awsManaged ? 0 : rng.chance(0.9) ? 0 : rng.chance(0.5) ? 1 : 2;
    const keySpec = kind === 0 ? 'SYMMETRIC_DEFAULT' : kind === 1 ? 'ECC_NIST_P256' : 'HMAC_256';
    const keyUsage = kind === 0 ? 'ENCRYPT_DECRYPT' : kind === 1 ? 'SIGN_VERIFY' : 'GENERATE_VERIFY_MAC';
    const pendingDeletion = !shared && !awsManaged && (rng.chance(0.03) || forcedExample(ctx, 14, 3));
    const noRotation = kind === 0 && !awsManaged && (rng.chance(0.04) || forcedExample(ctx, 13));
    const config: Record<string, unknown> = {
      AWSAccountId: account.id,
      KeyId: keyId,
      Arn: arn,
      AliasName: awsManaged ? `alias/aws/${AWS_MANAGED[index % AWS_MANAGED.length] as string}` : `alias/${team}-${keySpec === 'SYMMETRIC_DEFAULT' ? 'data' : 'sign'}-${index}`,
      CreationDate: isoDaysAgo(now, rng.int(30, 2000)),
      Enabled: !pendingDeletion,
      KeyState: pendingDeletion ? 'PendingDeletion' : rng.chance(0.02) ? 'Disabled' : 'Enabled',
      KeyManager: awsManaged ? 'AWS' : 'CUSTOMER',
      KeySpec: keySpec,
      KeyUsage: keyUsage,
      Origin: 'AWS_KMS',
      MultiRegion: false,
      Tags: awsManaged ? [] : [{ TagKey: 'owner', TagValue: team }],
      Policy: defaultKeyPolicy(account.id),
    };
    // GetKeyRotationStatus answers only for symmetric encryption keys (UnsupportedOperationException
    // otherwise), so asymmetric and HMAC keys have no rotation fields, as the live collector records them.
    if (kind === 0) config.KeyRotationEnabled = !noRotation;
    if (kind === 0 && !noRotation) config.RotationPeriodInDays = 365;
    if (pendingDeletion) {
      const window = rng.int(7, 30);
      // DescribeKey reports the waiting period only as DeletionDate (PendingDeletionWindowInDays is for multi-Region primaries).
      config.DeletionDate = isoAt(now + rng.int(1, window) * DAY_MS);
    }
    return { config, id: keyId, arn };
  },
};
