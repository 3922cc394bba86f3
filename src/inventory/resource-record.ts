import { tagMap } from './resource-type.js';
import type { ResourceTypeRegistry } from './resource-type-registry.js';
import type { Resource } from './resource.js';

/** Defaults applied to records that leave a field out (policy test fixtures fill account and region). */
export interface RecordDefaults {
  type?: string;
  accountId?: string;
  region?: string;
  observedAt: string;
}

export type RecordResult = { ok: true; resource: Resource } | { ok: false; reason: string };

const ACCOUNT_ID = /^\d{12}$/;

/**
 * Turns one record in Vigil's resource format (type, accountId, region, config, optional id/arn/name/
 * tags/provider/observedAt) into a Resource, or says exactly which field is wrong.
 *
 * @example
 * parseResourceRecord({ type: 'aws.s3.bucket', accountId: '123456789012', region: 'eu-west-1', config: { Name: 'b' } }, types, { observedAt })
 * // { ok: true, resource: { arn: 'arn:aws:s3:::b', … } }
 */
export const parseResourceRecord = (raw: unknown, types: ResourceTypeRegistry, d: RecordDefaults): RecordResult => {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, reason: 'a resource record must be a JSON object' };
  const o = raw as Record<string, unknown>;
  const type = o.type ?? d.type;
  if (typeof type !== 'string') return { ok: false, reason: 'field "type": missing (e.g. "aws.s3.bucket")' };
  const def = types.find(type);
  if (!def) return { ok: false, reason: `field "type": unknown resource type "${type}"` };
  const accountId = o.accountId ?? d.accountId;
  if (typeof accountId !== 'string' || !ACCOUNT_ID.test(accountId)) return { ok: false, reason: `field "accountId": must be a 12-digit AWS account id, found ${JSON.stringify(accountId)}` };
  const region = o.region ?? d.region;
  if (typeof region !== 'string' || !region) return { ok: false, reason: 'field "region": missing (use "global" for global resources)' };
  const config = o.config;
  if (!config || typeof config !== 'object' || Array.isArray(config)) return { ok: false, reason: 'field "config": must be an object (the AWS API JSON of the resource)' };
  const cfg = config as Record<string, unknown>;
  for (const f of ['id', 'arn', 'name', 'provider', 'observedAt', 'owner'] as const) {
    if (o[f] !== undefined && typeof o[f] !== 'string') return { ok: false, reason: `field "${f}": must be a string` };
  }
  if (o.tags !== undefined && (typeof o.tags !== 'object' || o.tags === null)) return { ok: false, reason: 'field "tags": must be an object or a list of {Key, Value}' };
  let ident: { id: string; arn: string; name: string };
  try {
    ident = def.identity(cfg, { accountId, region });
  } catch (e) {
    if (typeof o.id !== 'string' || typeof o.arn !== 'string') return { ok: false, reason: `cannot derive id/arn from config: ${(e as Error).message}` };
    ident = { id: o.id, arn: o.arn, name: (o.name as string | undefined) ?? o.id };
  }
  // Identity functions never throw on a missing field; they return '' parts instead ("arn:aws:s3:::"),
  // which would give every such record the same ARN, so one would silently overwrite the others.
  const derived = !!ident.id && !!ident.arn && !/undefined|[:/]$/.test(ident.arn);
  const id = (o.id as string | undefined) ?? (derived ? ident.id : '');
  const arn = (o.arn as string | undefined) ?? (derived ? ident.arn : '');
  if (!id || !arn || arn.includes('undefined')) return { ok: false, reason: `cannot derive id/arn: give "id" and "arn", or the config fields ${def.title} is identified by` };
  const resource: Resource = {
    provider: (o.provider as string | undefined) ?? def.provider,
    accountId,
    region,
    type,
    id,
    arn,
    name: (o.name as string | undefined) ?? (ident.name || id),
    tags: o.tags !== undefined ? tagMap(o.tags) : def.tags(cfg),
    config: cfg,
    observedAt: (o.observedAt as string | undefined) ?? d.observedAt,
  };
  if (typeof o.owner === 'string') resource.owner = o.owner;
  return { ok: true, resource };
};
