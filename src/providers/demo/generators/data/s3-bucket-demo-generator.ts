import type { DemoContext, DemoGenerator } from '../../demo-generator.js';
import {
  CLASSIFICATIONS,
  PARTNER_ACCOUNT,
  TEAMS,
  UNKNOWN_ACCOUNT,
  canonicalUserId,
  dataStoreTags,
  demoKeyArn,
  forcedExample,
  isProd,
  isoDaysAgo,
} from './data-demo-vocabulary.js';

const PURPOSES = ['data', 'raw', 'curated', 'exports', 'reports', 'artifacts', 'uploads', 'archive'] as const;
const ALL_USERS = 'http://acs.amazonaws.com/groups/global/AllUsers';
const AUTHENTICATED_USERS = 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers';

// Parts every compliant bucket shares, frozen so they are allocated once for a million buckets and a
// consumer that tried to edit one in place would fail loudly instead of changing every bucket.
const INSECURE_TRANSPORT = Object.freeze({ Bool: Object.freeze({ 'aws:SecureTransport': 'false' }) });
const BLOCK_ALL = Object.freeze({ BlockPublicAcls: true, IgnorePublicAcls: true, BlockPublicPolicy: true, RestrictPublicBuckets: true });
const VERSIONING_ON = Object.freeze({ Status: 'Enabled', MFADelete: 'Disabled' });
const SSE_S3_RULE = Object.freeze({ ApplyServerSideEncryptionByDefault: Object.freeze({ SSEAlgorithm: 'AES256' }), BucketKeyEnabled: false });

/** The statement CIS 2.1.1 / Security Hub S3.5 look for. */
const tlsDeny = (arn: string): Record<string, unknown> => ({
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: '*',
  Action: 's3:*',
  Resource: [arn, `${arn}/*`],
  Condition: INSECURE_TRANSPORT,
});

/** Principals in every spelling IAM accepts, so filters meet strings, objects and lists. */
const principalFor = (account: string, form: number): unknown =>
  form === 0 ? { AWS: `arn:aws:iam::${account}:root` } : form === 1 ? { AWS: [`arn:aws:iam::${account}:role/reader`] } : { AWS: account };

/** What goes wrong with a bucket, drawn once; a few percent per control (seed 001, 002, 004). */
const flaws = (ctx: DemoContext) => {
  const r = ctx.rng;
  return {
    noBlock: r.chance(0.01) || forcedExample(ctx, 1),
    partialBlock: r.chance(0.03) || forcedExample(ctx, 2),
    publicAcl: r.chance(0.012) || forcedExample(ctx, 3),
    noTlsDeny: r.chance(0.05) || forcedExample(ctx, 4),
    sseS3: r.chance(0.05) || forcedExample(ctx, 5),
    noVersioning: r.chance(0.04) || forcedExample(ctx, 6),
    unclassified: r.chance(0.03) || forcedExample(ctx, 7),
    unknownShare: r.chance(0.01) || forcedExample(ctx, 8),
    publicWebsite: r.chance(0.008) || forcedExample(ctx, 9),
  };
};

/**
 * S3 buckets, the bulk of the estate with log groups: composite records as the S3 type documents them
 * (Block Public Access, default encryption, versioning, parsed bucket policy, ACL, logging, tags).
 * Most are locked down; a few percent miss each control, a few confidential buckets are shared with an
 * account outside the organisation, some private ones with an allow-listed partner, and a few serve a
 * public website (Principal "*", Block Public Access off).
 *
 * @example
 * s3BucketDemoGenerator.generate(ctx).config.Name; // 'prod-payments-eu-west-1-exports-12'
 */
export const s3BucketDemoGenerator: DemoGenerator = {
  type: 'aws.s3.bucket',
  scope: 'regional',
  weight: 30,
  min: 6,
  generate: (ctx) => {
    const { rng, account, region, index, now } = ctx;
    const team = TEAMS[rng.int(0, TEAMS.length - 1)] as string;
    const purpose = PURPOSES[index % PURPOSES.length] as string;
    const f = flaws(ctx);
    const name = f.publicWebsite ? `${account.name}-${team}-${region}-www-${index}` : `${account.name}-${team}-${region}-${purpose}-${index}`;
    const arn = `arn:aws:s3:::${name}`;
    const prod = isProd(account);
    const classification = f.unclassified
      ? rng.chance(0.5) ? undefined : 'internal'
      : f.publicWebsite ? 'public' : f.unknownShare ? 'confidential' : (CLASSIFICATIONS[rng.int(0, CLASSIFICATIONS.length - 1)] as string);

    const statements: Record<string, unknown>[] = [];
    if (!f.noTlsDeny) statements.push(tlsDeny(arn));
    if (f.publicWebsite) statements.push({ Sid: 'PublicRead', Effect: 'Allow', Principal: rng.chance(0.5) ? '*' : { AWS: '*' }, Action: 's3:GetObject', Resource: `${arn}/*` });
    if (f.unknownShare) statements.push({ Sid: 'VendorRead', Effect: 'Allow', Principal: principalFor(UNKNOWN_ACCOUNT, index % 3), Action: ['s3:GetObject', 's3:ListBucket'], Resource: [arn, `${arn}/*`] });
    else if (classification === 'private' && rng.chance(0.04)) {
      statements.push({ Sid: 'PartnerRead', Effect: 'Allow', Principal: principalFor(PARTNER_ACCOUNT, index % 3), Action: 's3:GetObject', Resource: `${arn}/*` });
    }
    if (rng.chance(0.1)) {
      // Organisation-wide read, pinned by aws:PrincipalOrgID: public in form, private in effect.
      statements.push({ Sid: 'OrgRead', Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: `${arn}/*`, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-demo1234' } } });
    } else if (ctx.accounts.length > 1 && rng.chance(0.1)) {
      const other = ctx.accounts[rng.int(0, ctx.accounts.length - 1)];
      if (other) statements.push({ Sid: 'CrossAccountRead', Effect: 'Allow', Principal: principalFor(other.id, index % 3), Action: 's3:GetObject', Resource: `${arn}/*` });
    }

    const ownerId = canonicalUserId(account.id);
    const grants: Record<string, unknown>[] = [{ Grantee: { Type: 'CanonicalUser', ID: ownerId }, Permission: 'FULL_CONTROL' }];
    if (f.publicAcl) grants.push({ Grantee: { Type: 'Group', URI: rng.chance(0.7) ? ALL_USERS : AUTHENTICATED_USERS }, Permission: 'READ' });

    const blockAll = !f.publicWebsite && !f.partialBlock;
    const tags = dataStoreTags(
      {
        owner: rng.chance(0.97) ? team : undefined,
        classification,
        backup: prod && rng.chance(0.96) ? 'daily_35' : undefined,
      },
      prod ? 'prod' : 'nonprod',
    );
    const config: Record<string, unknown> = {
      Name: name,
      CreationDate: isoDaysAgo(now, rng.int(1, 2200)),
      Region: region,
      ServerSideEncryptionConfiguration: {
        Rules: [
          f.sseS3
            ? SSE_S3_RULE
            : { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: demoKeyArn(account.id, region, index % 3) }, BucketKeyEnabled: true },
        ],
      },
      Versioning: f.noVersioning ? (rng.chance(0.5) ? { Status: 'Suspended', MFADelete: 'Disabled' } : {}) : VERSIONING_ON,
      Acl: { Owner: { ID: ownerId }, Grants: grants },
      TagSet: tags.list,
    };
    if (!f.noBlock) {
      config.PublicAccessBlockConfiguration = blockAll
        ? BLOCK_ALL
        : { BlockPublicAcls: false, IgnorePublicAcls: false, BlockPublicPolicy: !f.publicWebsite, RestrictPublicBuckets: !f.partialBlock && !f.publicWebsite };
    }
    if (statements.length > 0) config.Policy = { Version: '2012-10-17', Statement: statements };
    if (rng.chance(0.7)) config.Logging = { LoggingEnabled: { TargetBucket: `${account.name}-${region}-access-logs`, TargetPrefix: `${name}/` } };
    return { config, id: name, arn, name, tags: tags.map };
  },
};
