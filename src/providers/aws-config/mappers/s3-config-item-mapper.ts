import { ConfigItemError, asList, defined, isRecord, pascalDeep, policyDocument, supplement, tagList, type ConfigItemMapper } from '../config-item-mapper.js';
import type { ConfigurationItem } from '../configuration-item.js';

// Config names ACL grantees and permissions as the old Java SDK did; the API names them as below.
const GROUP_URI: Record<string, string> = {
  AllUsers: 'http://acs.amazonaws.com/groups/global/AllUsers',
  AuthenticatedUsers: 'http://acs.amazonaws.com/groups/global/AuthenticatedUsers',
  LogDelivery: 'http://acs.amazonaws.com/groups/s3/LogDelivery',
};
const PERMISSION: Record<string, string> = { FullControl: 'FULL_CONTROL', Read: 'READ', Write: 'WRITE', ReadAcp: 'READ_ACP', WriteAcp: 'WRITE_ACP' };

const grantee = (g: unknown): Record<string, unknown> => {
  if (typeof g === 'string') return GROUP_URI[g] ? { Type: 'Group', URI: GROUP_URI[g] } : { Type: 'Group', URI: g };
  if (isRecord(g) && typeof g.id === 'string') return defined({ Type: 'CanonicalUser', ID: g.id, DisplayName: g.displayName });
  if (isRecord(g) && typeof g.identifier === 'string') return defined({ Type: 'CanonicalUser', ID: g.identifier, DisplayName: g.displayName });
  if (isRecord(g) && typeof g.emailAddress === 'string') return { Type: 'AmazonCustomerByEmail', EmailAddress: g.emailAddress };
  throw new ConfigItemError('supplementaryConfiguration.AccessControlList: a grantee is neither a group name nor {id}');
};

/** GetBucketAcl's {Owner, Grants} from Config's `AccessControlList` ({owner, grantList}). */
const acl = (item: ConfigurationItem): Record<string, unknown> | undefined => {
  const a = supplement(item, 'AccessControlList');
  if (!a) return undefined;
  const owner = isRecord(a.owner) ? defined({ ID: a.owner.id, DisplayName: a.owner.displayName }) : undefined;
  const Grants = asList(a.grantList).map((g) => {
    if (!isRecord(g)) throw new ConfigItemError('supplementaryConfiguration.AccessControlList.grantList has a grant that is not an object');
    const p = String(g.permission);
    return { Grantee: grantee(g.grantee), Permission: PERMISSION[p] ?? p };
  });
  return defined({ Owner: owner, Grants });
};

/** GetBucketEncryption's ServerSideEncryptionConfiguration (Config: rules[].applyServerSideEncryptionByDefault.sseAlgorithm). */
const encryption = (item: ConfigurationItem): Record<string, unknown> | undefined => {
  const e = supplement(item, 'ServerSideEncryptionConfiguration');
  if (!e) return undefined;
  const Rules = asList(e.rules).map((r) => {
    const rule = isRecord(r) ? r : {};
    const d = isRecord(rule.applyServerSideEncryptionByDefault) ? rule.applyServerSideEncryptionByDefault : undefined;
    return defined({
      ApplyServerSideEncryptionByDefault: d ? defined({ SSEAlgorithm: d.sseAlgorithm, KMSMasterKeyID: d.kmsMasterKeyID ?? d.kmsMasterKeyId }) : undefined,
      BucketKeyEnabled: rule.bucketKeyEnabled,
    });
  });
  return { Rules };
};

/** GetBucketVersioning: `{}` for a bucket never versioned (Config says status "Off"). */
const versioning = (item: ConfigurationItem): Record<string, unknown> => {
  const v = supplement(item, 'BucketVersioningConfiguration');
  if (!v || (v.status !== 'Enabled' && v.status !== 'Suspended')) return {};
  return { Status: v.status, MFADelete: v.isMfaDeleteEnabled === true || v.isMfaDeleteEnabled === 'true' ? 'Enabled' : 'Disabled' };
};

const s3Bucket: ConfigItemMapper = {
  configType: 'AWS::S3::Bucket',
  type: 'aws.s3.bucket',
  toConfig: (item) => {
    const c = item.configuration;
    const name = typeof c.name === 'string' ? c.name : item.resourceName ?? item.resourceId;
    const pab = supplement(item, 'PublicAccessBlockConfiguration');
    const policyText = supplement(item, 'BucketPolicy')?.policyText;
    const logging = supplement(item, 'BucketLoggingConfiguration');
    const lock = supplement(item, 'ObjectLockConfiguration');
    return defined({
      Name: name,
      CreationDate: c.creationDate,
      Region: item.awsRegion,
      PublicAccessBlockConfiguration: pab ? pascalDeep(pab) : undefined,
      ServerSideEncryptionConfiguration: encryption(item),
      Versioning: versioning(item),
      Policy: policyDocument(policyText, 'supplementaryConfiguration.BucketPolicy.policyText'),
      Acl: acl(item),
      Logging: logging?.destinationBucketName ? { LoggingEnabled: { TargetBucket: logging.destinationBucketName, TargetPrefix: logging.logFilePrefix ?? '' } } : undefined,
      ObjectLockConfiguration: lock ? pascalDeep(lock) : undefined,
      TagSet: tagList(item.tags),
    });
  },
};

const s3AccountPublicAccessBlock: ConfigItemMapper = {
  configType: 'AWS::S3::AccountPublicAccessBlock',
  type: 'aws.s3.account-settings',
  toConfig: (item) => ({ PublicAccessBlockConfiguration: pascalDeep(item.configuration) }),
};

/** S3: buckets (with the supplementary settings Config records) and the account-level Block Public Access. */
export const s3ConfigItemMappers: ConfigItemMapper[] = [s3Bucket, s3AccountPublicAccessBlock];
