import { VigilError } from '../../common/vigil-error.js';
import type { ConfigurationItem } from './configuration-item.js';

/**
 * Turns the configuration items of one AWS Config resource type into the config of one Vigil resource
 * type, with the AWS API's own field names (what the policies read and the live collector returns).
 * Registering a type is one entry in a service's mapper file plus its line in all-config-item-mappers.ts.
 *
 * @example
 * const kmsKey: ConfigItemMapper = {
 *   configType: 'AWS::KMS::Key', type: 'aws.kms.key',
 *   toConfig: (item) => ({ KeyId: item.configuration.keyId, KeyRotationEnabled: true }),
 * };
 */
export interface ConfigItemMapper {
  /** The AWS Config resource type, e.g. `AWS::S3::Bucket`. */
  configType: string;
  /** The Vigil resource type it becomes, e.g. `aws.s3.bucket`. */
  type: string;
  /** The API-shaped config; throws ConfigItemError when a field it needs has the wrong shape. */
  toConfig(item: ConfigurationItem): Record<string, unknown>;
}

/** A configuration item whose fields cannot be read; quarantined with this reason, the scan goes on. */
export class ConfigItemError extends VigilError {
  constructor(message: string) {
    super('aws-config.bad-item', message, { status: 422 });
    this.name = 'ConfigItemError';
  }
}

export const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/** `ipPermissions` → `IpPermissions`, `dBInstanceIdentifier` → `DBInstanceIdentifier`. */
export const pascalKey = (k: string): string => (k ? k[0]!.toUpperCase() + k.slice(1) : k);
/** `LogGroupName` → `logGroupName` (for services whose API is camelCase: Logs, EKS). */
export const camelKey = (k: string): string => (k ? k[0]!.toLowerCase() + k.slice(1) : k);

/**
 * Config's camelCase rendering of an API structure, back to the API's PascalCase, recursively. Keys in
 * `keep` hold user data (tag maps, policy documents) and are copied as they are.
 * @example pascalDeep({ state: { name: 'running' } }); // { State: { Name: 'running' } }
 */
export const pascalDeep = (v: unknown, keep: ReadonlySet<string> = new Set()): unknown => {
  if (Array.isArray(v)) return v.map((x) => pascalDeep(x, keep));
  if (!isRecord(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === null) continue;
    out[pascalKey(k)] = keep.has(k) ? x : pascalDeep(x, keep);
  }
  return out;
};

/**
 * Config's CloudFormation-style PascalCase, back to the camelCase of services whose API is camelCase
 * (ECS, EKS), recursively; keys in `keep` hold user data and are copied as they are.
 * @example camelDeep({ ContainerDefinitions: [{ ReadonlyRootFilesystem: true }] }); // { containerDefinitions: [{ readonlyRootFilesystem: true }] }
 */
export const camelDeep = (v: unknown, keep: ReadonlySet<string> = new Set()): unknown => {
  if (Array.isArray(v)) return v.map((x) => camelDeep(x, keep));
  if (!isRecord(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === null) continue;
    out[camelKey(k)] = keep.has(k) ? x : camelDeep(x, keep);
  }
  return out;
};

/** A supplementary configuration value: Config writes some as JSON text, some as objects. */
export const supplement = (item: ConfigurationItem, key: string): Record<string, unknown> | undefined => {
  const v = item.supplementaryConfiguration[key];
  if (v === undefined || v === null) return undefined;
  if (isRecord(v)) return v;
  if (typeof v === 'string') {
    try {
      const parsed: unknown = JSON.parse(v);
      if (isRecord(parsed)) return parsed;
      if (parsed === null) return undefined;
    } catch {
      /* reported below */
    }
  }
  throw new ConfigItemError(`supplementaryConfiguration.${key} is not an object`);
};

/**
 * A policy document as IAM and Config store it (URL-encoded JSON text, plain JSON text or an object),
 * parsed, so policies read `Statement` the same way whatever the source.
 */
export const policyDocument = (doc: unknown, field: string): Record<string, unknown> | undefined => {
  if (doc === undefined || doc === null || doc === '') return undefined;
  if (isRecord(doc)) return doc;
  if (typeof doc === 'string') {
    try {
      const text = doc.trimStart().startsWith('{') ? doc : decodeURIComponent(doc);
      const parsed: unknown = JSON.parse(text);
      if (isRecord(parsed)) return parsed;
    } catch {
      /* reported below */
    }
  }
  throw new ConfigItemError(`${field} is not a policy document (JSON or URL-encoded JSON)`);
};

/** Config's tag map as the API's `[{Key, Value}]` list. */
export const tagList = (tags: Record<string, string>): { Key: string; Value: string }[] => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

/** Copies the fields whose value is present (not undefined/null). */
export const defined = (o: Record<string, unknown>): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== null) out[k] = v;
  return out;
};
