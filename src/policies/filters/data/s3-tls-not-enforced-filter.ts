import { Type } from '@sinclair/typebox';
import type { Resource } from '../../../inventory/resource.js';
import type { NamedFilterDefinition } from '../named-filter.js';
import { anyConditionValue, conditionValues, namesEveryone, POLICY_FIELDS, policyStatementsOf } from './resource-policy-statements.js';

export interface S3TlsNotEnforcedParams {
  /** Also accept a Deny on `NumericLessThan s3:TlsVersion` (≥ 1.2), as CIS allows; Security Hub S3.5 does not. */
  acceptTlsVersionDeny?: boolean;
}

const isAllActions = (a: unknown): boolean => a === '*' || a === 's3:*';
const coversAllActions = (action: unknown): boolean => (Array.isArray(action) ? action.some(isAllActions) : isAllActions(action));

const S3_ARN = 'arn:aws:s3:::';

/** `arn:aws:s3:::<bucket>/*` or `arn:aws:s3:::<bucket>*`, compared in place: a million buckets, no strings built. */
const namesObjects = (r: unknown, bucket: string): boolean => {
  if (typeof r !== 'string' || !r.startsWith(S3_ARN) || !r.startsWith(bucket, S3_ARN.length)) return false;
  const rest = r.length - S3_ARN.length - bucket.length;
  return rest === 1 ? r.endsWith('*') : rest === 2 && r.endsWith('/*');
};

const coversObject = (r: unknown, bucket: string): boolean => r === '*' || r === 'arn:aws:s3:::*' || namesObjects(r, bucket);

/** The deny must reach the objects: `bucket/*`, a `bucket*` wildcard, or everything. */
const coversObjects = (resource: unknown, bucket: string): boolean =>
  Array.isArray(resource) ? resource.some((r) => coversObject(r, bucket)) : resource !== undefined && resource !== null && coversObject(resource, bucket);

const isFalse = (v: unknown): boolean => v === false || (typeof v === 'string' && v.toLowerCase() === 'false');

const SECURE_TRANSPORT: ReadonlySet<string> = new Set(['aws:securetransport']);

const deniesPlainHttp = (st: Record<string, unknown>): boolean =>
  anyConditionValue(st, SECURE_TRANSPORT, (operator, values) => /^Bool(IfExists)?$/i.test(operator) && values.some(isFalse));

const deniesOldTls = (st: Record<string, unknown>): boolean =>
  conditionValues(st, 's3:TlsVersion').some(
    ({ operator, values }) => /^NumericLessThan(IfExists)?$/i.test(operator) && values.some((v) => Number(v) >= 1.2),
  );

const bucketName = (r: Resource): string => (typeof r.config.Name === 'string' ? r.config.Name : r.id);

/**
 * "TLS only" for S3 (CIS 2.1.1, Security Hub S3.5): the bucket policy must hold a statement with
 * `Effect: Deny`, principal `*`, action `s3:*` (or `*`), covering the bucket's objects, under
 * `Condition: {Bool: {aws:SecureTransport: false}}`. The violation is the absence of such a statement.
 *
 * @example
 * { filter: s3-tls-not-enforced, acceptTlsVersionDeny: false }
 */
export const s3TlsNotEnforcedFilter: NamedFilterDefinition<S3TlsNotEnforcedParams> = {
  name: 's3-tls-not-enforced',
  reads: [...POLICY_FIELDS, 'Name'],
  description: 'The bucket policy has no Deny statement for all principals and all S3 actions when the request is not over TLS (aws:SecureTransport = false).',
  params: Type.Object({ acceptTlsVersionDeny: Type.Optional(Type.Boolean({ default: false })) }),
  appliesTo: ['aws.s3.bucket'],
  compile: ({ acceptTlsVersionDeny = false }) => (resource, ctx) => {
    const { statements, invalid } = policyStatementsOf(resource, ctx.lookup);
    const expected = 'a Deny of s3:* to "*" on the bucket\'s objects when aws:SecureTransport is false';
    if (invalid) return [{ path: invalid, expected, actual: 'unreadable policy document' }];
    if (statements.length === 0) return [{ path: 'Policy', expected, actual: null, note: 'the bucket has no policy, so plain HTTP is allowed' }];
    const bucket = bucketName(resource);
    const ok = statements.some(
      ({ statement: st }) =>
        st.Effect === 'Deny' &&
        namesEveryone(st) &&
        coversAllActions(st.Action) &&
        coversObjects(st.Resource, bucket) &&
        (deniesPlainHttp(st) || (acceptTlsVersionDeny && deniesOldTls(st))),
    );
    return ok ? null : [{ path: 'Policy.Statement', expected, actual: `none of ${statements.length} statement(s)` }];
  },
  example: { filter: 's3-tls-not-enforced' },
};
