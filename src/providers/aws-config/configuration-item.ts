/**
 * One AWS Config configuration item as the delivery channel writes it in snapshots and history files
 * (`configurationItems[]`): Config's own envelope around the resource's `configuration`, which is
 * usually the service API's JSON with camelCase keys.
 *
 * @example
 * const item: ConfigurationItem = {
 *   resourceType: 'AWS::S3::Bucket', resourceId: 'logs', accountId: '111122223333', awsRegion: 'eu-west-1',
 *   configurationItemStatus: 'OK', configurationItemCaptureTime: '2026-11-30T10:00:00.000Z',
 *   configuration: { name: 'logs' }, supplementaryConfiguration: {}, tags: { owner: 'payments' },
 * };
 */
export interface ConfigurationItem {
  resourceType: string;
  resourceId: string;
  resourceName?: string;
  accountId: string;
  awsRegion: string;
  arn?: string;
  /** OK, ResourceDiscovered, ResourceNotRecorded, ResourceDeleted, ResourceDeletedNotRecorded. */
  configurationItemStatus: string;
  configurationItemCaptureTime: string;
  configuration: Record<string, unknown>;
  supplementaryConfiguration: Record<string, unknown>;
  tags: Record<string, string>;
}

/** Statuses of an item that describes a resource that exists and was recorded. */
export const LIVE_STATUSES: ReadonlySet<string> = new Set(['OK', 'ResourceDiscovered']);
/** Statuses of an item that says the resource is gone. */
export const DELETED_STATUSES: ReadonlySet<string> = new Set(['ResourceDeleted', 'ResourceDeletedNotRecorded']);

const ACCOUNT_ID = /^\d{12}$/;
const KNOWN_STATUSES = new Set([...LIVE_STATUSES, ...DELETED_STATUSES, 'ResourceNotRecorded']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Config writes `configuration` and `supplementaryConfiguration` values as objects or as JSON text. */
const objectOrJson = (v: unknown): Record<string, unknown> | undefined => {
  if (isObject(v)) return v;
  if (typeof v !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(v);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
};

export type ItemCheck = { ok: true; item: ConfigurationItem } | { ok: false; reason: string };

/**
 * Checks the envelope of one raw item and normalises it (configuration given as JSON text parsed, tags
 * as a plain map); says which field is wrong otherwise. A deleted item may carry no configuration.
 *
 * @example
 * checkConfigurationItem({ resourceType: 'AWS::S3::Bucket', configuration: 3 }).ok; // false
 */
export const checkConfigurationItem = (raw: unknown): ItemCheck => {
  if (!isObject(raw)) return { ok: false, reason: 'a configuration item must be a JSON object' };
  const { resourceType, resourceId, accountId, awsRegion, configurationItemStatus: status, configurationItemCaptureTime: captured } = raw;
  if (typeof resourceType !== 'string' || !resourceType.startsWith('AWS::')) return { ok: false, reason: `resourceType must be a string like "AWS::S3::Bucket", found ${JSON.stringify(resourceType)}` };
  if (typeof resourceId !== 'string' || !resourceId) return { ok: false, reason: 'resourceId is missing' };
  if (typeof accountId !== 'string' || !ACCOUNT_ID.test(accountId)) return { ok: false, reason: `accountId must be a 12-digit AWS account id, found ${JSON.stringify(accountId)}` };
  if (typeof awsRegion !== 'string' || !awsRegion) return { ok: false, reason: 'awsRegion is missing' };
  if (typeof status !== 'string' || !KNOWN_STATUSES.has(status)) return { ok: false, reason: `configurationItemStatus must be one of ${[...KNOWN_STATUSES].join(', ')}, found ${JSON.stringify(status)}` };
  if (typeof captured !== 'string' || Number.isNaN(Date.parse(captured))) return { ok: false, reason: 'configurationItemCaptureTime must be an ISO-8601 time' };
  const live = LIVE_STATUSES.has(status);
  const configuration = objectOrJson(raw.configuration);
  if (live && !configuration) return { ok: false, reason: 'configuration is not an object' };
  const supplementary = raw.supplementaryConfiguration === undefined || raw.supplementaryConfiguration === null ? {} : objectOrJson(raw.supplementaryConfiguration);
  if (live && !supplementary) return { ok: false, reason: 'supplementaryConfiguration is not an object' };
  const tags: Record<string, string> = {};
  if (isObject(raw.tags)) for (const [k, v] of Object.entries(raw.tags)) tags[k] = v == null ? '' : String(v);
  const item: ConfigurationItem = {
    resourceType, resourceId, accountId, awsRegion, configurationItemStatus: status, configurationItemCaptureTime: captured,
    configuration: configuration ?? {}, supplementaryConfiguration: supplementary ?? {}, tags,
  };
  if (typeof raw.resourceName === 'string') item.resourceName = raw.resourceName;
  if (typeof raw.ARN === 'string') item.arn = raw.ARN;
  else if (typeof raw.arn === 'string') item.arn = raw.arn;
  return { ok: true, item };
};
