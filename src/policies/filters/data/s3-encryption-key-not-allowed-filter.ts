import { Type } from '@sinclair/typebox';
import type { Evidence } from '../../../violations/evidence.js';
import type { NamedFilterDefinition } from '../named-filter.js';

export interface EncryptionKeyParams {
  /** KMS keys default encryption may use (key ARNs, key ids or alias names); empty = any KMS key. */
  allowedKeys?: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `arn:aws:kms:…:key/<id>` and `arn:aws:kms:…:alias/<name>` also match a bare `<id>` or `alias/<name>`. */
const keyMatches = (key: string, allowed: ReadonlySet<string>): boolean => {
  if (allowed.has(key)) return true;
  const tail = /:(key\/.+|alias\/.+)$/.exec(key)?.[1];
  return tail !== undefined && (allowed.has(tail) || allowed.has(tail.replace(/^key\//, '')));
};

/**
 * The KMS key of S3 default encryption is one the organisation chose: every rule encrypting with
 * `aws:kms` / `aws:kms:dsse` names a `KMSMasterKeyID` on the allow-list. A rule without a key id uses
 * the AWS managed key `aws/s3`, which a key allow-list excludes. An empty allow-list passes everything,
 * so the policy parameter can default to "any key".
 *
 * @example
 * { filter: s3-encryption-key-not-allowed, allowedKeys: { param: allowedKeyArns } }
 */
export const s3EncryptionKeyNotAllowedFilter: NamedFilterDefinition<EncryptionKeyParams> = {
  name: 's3-encryption-key-not-allowed',
  reads: ['ServerSideEncryptionConfiguration'],
  description: 'Default encryption uses a KMS key that is not on the allow-list (an empty allow-list accepts any key).',
  params: Type.Object({ allowedKeys: Type.Optional(Type.Array(Type.String(), { default: [] })) }),
  appliesTo: ['aws.s3.bucket'],
  compile: ({ allowedKeys = [] }) => {
    const allowed = new Set(allowedKeys);
    return (resource) => {
      if (allowed.size === 0) return null;
      const sse = resource.config.ServerSideEncryptionConfiguration;
      const rules = isRecord(sse) && Array.isArray(sse.Rules) ? sse.Rules : [];
      const out: Evidence[] = [];
      rules.forEach((rule, i) => {
        const d = isRecord(rule) && isRecord(rule.ApplyServerSideEncryptionByDefault) ? rule.ApplyServerSideEncryptionByDefault : undefined;
        if (!d || typeof d.SSEAlgorithm !== 'string' || !d.SSEAlgorithm.startsWith('aws:kms')) return;
        const key = typeof d.KMSMasterKeyID === 'string' ? d.KMSMasterKeyID : undefined;
        if (key !== undefined && keyMatches(key, allowed)) return;
        out.push({
          path: `ServerSideEncryptionConfiguration.Rules[${i}].ApplyServerSideEncryptionByDefault.KMSMasterKeyID`,
          expected: `one of ${[...allowed].join(', ')}`,
          actual: key ?? null,
          note: key === undefined ? 'no key id: the AWS managed key aws/s3 is used' : undefined,
        });
      });
      return out.length > 0 ? out : null;
    };
  },
  example: { filter: 's3-encryption-key-not-allowed', allowedKeys: ['arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab'] },
};
