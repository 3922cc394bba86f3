import { WireError } from './aws-wire-endpoint.js';

/**
 * S3 over REST-XML, path-style (the SDK uses path-style for an IP endpoint): the bucket list (each
 * bucket with its own region, across the account's regions) and the bucket-level settings the
 * collector reads, plus S3 Control's account-level Block Public Access.
 */

const NS = 'http://s3.amazonaws.com/doc/2006-03-01/';
const PAB = '<BlockPublicAcls>true</BlockPublicAcls><IgnorePublicAcls>true</IgnorePublicAcls><BlockPublicPolicy>true</BlockPublicPolicy><RestrictPublicBuckets>true</RestrictPublicBuckets>';

/** The S3 action a request is (`ListBuckets`, `GetBucketPolicy`, S3 Control's `GetPublicAccessBlock`…). */
export const s3Route = (method: string, path: string, query: URLSearchParams): { action: string; bucket?: string } | undefined => {
  if (method !== 'GET') return undefined;
  if (path.startsWith('/v20180820/configuration/publicAccessBlock')) return { action: 'GetAccountPublicAccessBlock' };
  const bucket = decodeURIComponent(path.split('/')[1] ?? '');
  if (!bucket) return { action: 'ListBuckets' };
  const sub: [string, string][] = [
    ['location', 'GetBucketLocation'], ['publicAccessBlock', 'GetPublicAccessBlock'], ['encryption', 'GetBucketEncryption'], ['versioning', 'GetBucketVersioning'],
    ['policy', 'GetBucketPolicy'], ['acl', 'GetBucketAcl'], ['logging', 'GetBucketLogging'], ['object-lock', 'GetObjectLockConfiguration'], ['tagging', 'GetBucketTagging'],
    ['list-type', 'ListObjectsV2'],
  ];
  const hit = sub.find(([k]) => query.has(k));
  return hit ? { action: hit[1], bucket } : undefined;
};

export const bucketsOf = (accountId: string, regions: readonly string[], count: number) =>
  Array.from({ length: count }, (_, i) => ({ Name: `wire-${accountId}-${i}`, Region: regions[i % regions.length] as string, index: i }));

/** The XML (or, for a bucket policy, JSON) body of one S3 call. */
export const serveS3 = (
  accountId: string,
  route: { action: string; bucket?: string },
  buckets: ReturnType<typeof bucketsOf>,
  page: (token: string | null, max: string | null) => { items: ReturnType<typeof bucketsOf>; next?: string },
  query: URLSearchParams,
  withRegion = true,
): { type: string; body: string } => {
  const xml = (body: string) => ({ type: 'application/xml', body: `<?xml version="1.0" encoding="UTF-8"?>${body}` });
  const owner = `<Owner><ID>${'ab'.repeat(32)}</ID><DisplayName>wire-${accountId}</DisplayName></Owner>`;
  if (route.action === 'GetAccountPublicAccessBlock') return xml(`<PublicAccessBlockConfiguration xmlns="http://awss3control.amazonaws.com/doc/2018-08-20/">${PAB}</PublicAccessBlockConfiguration>`);
  if (route.action === 'ListBuckets') {
    const p = page(query.get('continuation-token'), query.get('max-buckets'));
    const items = p.items.map((b) => `<Bucket><Name>${b.Name}</Name><CreationDate>2025-01-0${1 + (b.index % 9)}T00:00:00.000Z</CreationDate>${withRegion ? `<BucketRegion>${b.Region}</BucketRegion>` : ''}</Bucket>`).join('');
    return xml(`<ListAllMyBucketsResult xmlns="${NS}">${owner}<Buckets>${items}</Buckets>${p.next ? `<ContinuationToken>${p.next}</ContinuationToken>` : ''}</ListAllMyBucketsResult>`);
  }
  // Any other bucket (a Bottlerocket report bucket, say) lists empty: no node has published a report.
  if (route.action === 'ListObjectsV2') return xml(`<ListBucketResult xmlns="${NS}"><Name>${route.bucket}</Name><Prefix>${query.get('prefix') ?? ''}</Prefix><KeyCount>0</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated></ListBucketResult>`);
  const b = buckets.find((x) => x.Name === route.bucket);
  if (!b) throw new WireError('NoSuchBucket', 'The specified bucket does not exist', 404);
  // Bucket 1 of each account is the careless one: no Block Public Access, no versioning, no encryption key of its own, no logging, no tags.
  const careless = b.index % 3 === 1;
  switch (route.action) {
    case 'GetBucketLocation':
      return xml(`<LocationConstraint xmlns="${NS}">${b.Region === 'us-east-1' ? '' : b.Region}</LocationConstraint>`);
    case 'GetPublicAccessBlock':
      if (careless) throw new WireError('NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found', 404);
      return xml(`<PublicAccessBlockConfiguration xmlns="${NS}">${PAB}</PublicAccessBlockConfiguration>`);
    case 'GetBucketEncryption': {
      const sse = careless ? '<SSEAlgorithm>AES256</SSEAlgorithm>' : `<SSEAlgorithm>aws:kms</SSEAlgorithm><KMSMasterKeyID>arn:aws:kms:${b.Region}:${accountId}:key/wire</KMSMasterKeyID>`;
      return xml(`<ServerSideEncryptionConfiguration xmlns="${NS}"><Rule><ApplyServerSideEncryptionByDefault>${sse}</ApplyServerSideEncryptionByDefault><BucketKeyEnabled>${!careless}</BucketKeyEnabled></Rule></ServerSideEncryptionConfiguration>`);
    }
    case 'GetBucketVersioning':
      return xml(careless ? `<VersioningConfiguration xmlns="${NS}"/>` : `<VersioningConfiguration xmlns="${NS}"><Status>Enabled</Status></VersioningConfiguration>`);
    case 'GetBucketPolicy':
      if (careless) throw new WireError('NoSuchBucketPolicy', 'The bucket policy does not exist', 404);
      return {
        type: 'application/json',
        body: JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 's3:*', Resource: [`arn:aws:s3:::${b.Name}`, `arn:aws:s3:::${b.Name}/*`], Condition: { Bool: { 'aws:SecureTransport': 'false' } } }] }),
      };
    case 'GetBucketAcl':
      return xml(
        `<AccessControlPolicy xmlns="${NS}">${owner}<AccessControlList><Grant><Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>${'ab'.repeat(32)}</ID><DisplayName>wire-${accountId}</DisplayName></Grantee><Permission>FULL_CONTROL</Permission></Grant></AccessControlList></AccessControlPolicy>`,
      );
    case 'GetBucketLogging':
      return xml(careless ? `<BucketLoggingStatus xmlns="${NS}"/>` : `<BucketLoggingStatus xmlns="${NS}"><LoggingEnabled><TargetBucket>wire-${accountId}-logs</TargetBucket><TargetPrefix>${b.Name}/</TargetPrefix></LoggingEnabled></BucketLoggingStatus>`);
    case 'GetObjectLockConfiguration':
      throw new WireError('ObjectLockConfigurationNotFoundError', 'Object Lock configuration does not exist for this bucket', 404);
    case 'GetBucketTagging':
      if (careless) throw new WireError('NoSuchTagSet', 'The TagSet does not exist', 404);
      return xml(`<Tagging xmlns="${NS}"><TagSet><Tag><Key>owner</Key><Value>data</Value></Tag></TagSet></Tagging>`);
    default:
      throw new WireError('NotImplemented', `the wire endpoint does not serve s3:${route.action}`, 501);
  }
};
