import {
  DescribeKeyCommand,
  GetKeyPolicyCommand,
  GetKeyRotationStatusCommand,
  KMSClient,
  ListAliasesCommand,
  ListKeysCommand,
  ListResourceTagsCommand,
  type KeyListEntry,
} from '@aws-sdk/client-kms';
import { kmsKeyType } from '../../../inventory/resource-types/data/kms-key-type.js';
import { markUnknown, TAGS_FIELD } from '../../../inventory/unknown-fields.js';
import type { CollectContext, ServiceCollector } from '../service-collector.js';
import { detail, essential, pages, parseDocument, plain, reasonOf, toResource, unread, type Problem, withClient } from './collector-kit.js';

// Rotation status is not defined for asymmetric, HMAC, imported or pending-deletion keys: "absent", not a failure.
const ROTATION_UNDEFINED = ['UnsupportedOperationException', 'KMSInvalidStateException'];

/** A key's first alias, or the reason the Region's aliases could not be listed. */
type Aliases = Map<string, string> | { unreadable: string };

/**
 * Every alias of the Region in one paged listing (ListAliases without a key id), first alias per key:
 * one call per Region instead of one per key.
 */
const regionAliases = async (ctx: CollectContext, kms: KMSClient): Promise<Aliases> => {
  const byKey = new Map<string, string>();
  try {
    const listing = pages(ctx, 'kms:ListAliases', (Marker) => kms.send(new ListAliasesCommand({ Marker, Limit: 100 })), (p) => (p.Truncated ? p.NextMarker : undefined));
    for await (const page of listing) for (const a of page.Aliases ?? []) if (a.TargetKeyId && a.AliasName && !byKey.has(a.TargetKeyId)) byKey.set(a.TargetKeyId, a.AliasName);
  } catch (e) {
    if (ctx.signal?.aborted) throw e;
    return { unreadable: reasonOf(e) };
  }
  return byKey;
};

const readKey = async (ctx: CollectContext, kms: KMSClient, key: KeyListEntry, aliases: Aliases, problems: Problem[]): Promise<Record<string, unknown> | undefined> => {
  const KeyId = key.KeyId as string;
  const resourceArn = key.KeyArn ?? `arn:aws:kms:${ctx.region}:${ctx.accountId}:key/${KeyId}`;
  const call = (operation: string, fields: string[], absent: string[] = []) => ({ operation: `kms:${operation}`, resourceArn, fields, absent });
  const [described, rotation, tags, policy] = await Promise.all([
    essential(ctx, 'kms:DescribeKey', () => kms.send(new DescribeKeyCommand({ KeyId }))),
    detail(ctx, problems, call('GetKeyRotationStatus', ['KeyRotationEnabled', 'RotationPeriodInDays'], ROTATION_UNDEFINED), () => kms.send(new GetKeyRotationStatusCommand({ KeyId }))),
    detail(ctx, problems, call('ListResourceTags', ['Tags', TAGS_FIELD]), () => kms.send(new ListResourceTagsCommand({ KeyId, Limit: 50 }))),
    detail(ctx, problems, call('GetKeyPolicy', ['Policy'], ['KMSInvalidStateException']), () => kms.send(new GetKeyPolicyCommand({ KeyId, PolicyName: 'default' }))),
  ]);
  // Deleted since ListKeys: no record.
  if (!described?.KeyMetadata) return undefined;
  const config: Record<string, unknown> = { KeyId, Arn: resourceArn, ...plain(described.KeyMetadata) };
  if (aliases instanceof Map) {
    const alias = aliases.get(KeyId);
    if (alias) config.AliasName = alias;
  } else markUnknown(config, ['AliasName'], `kms:ListAliases: ${aliases.unreadable}`);
  if (rotation) {
    config.KeyRotationEnabled = rotation.KeyRotationEnabled ?? false;
    if (rotation.RotationPeriodInDays !== undefined) config.RotationPeriodInDays = rotation.RotationPeriodInDays;
  }
  if (tags) config.Tags = plain({ t: tags.Tags ?? [] }).t;
  if (policy?.Policy) config.Policy = parseDocument(policy.Policy);
  return unread(config, problems, resourceArn);
};

/**
 * KMS in one account and Region: every key with DescribeKey's metadata at the top level, its first
 * alias (from one ListAliases listing of the Region), rotation status, tags and key policy (parsed, under `Policy`).
 *
 * @example
 * for await (const page of kmsCollector.collect(ctx)) store(page.resources);
 */
export const kmsCollector: ServiceCollector = {
  service: 'kms',
  types: ['aws.kms.key'],
  commands: ['ListKeysCommand', 'DescribeKeyCommand', 'GetKeyRotationStatusCommand', 'ListResourceTagsCommand', 'ListAliasesCommand', 'GetKeyPolicyCommand'],
  permissions: ['kms:ListKeys', 'kms:DescribeKey', 'kms:GetKeyRotationStatus', 'kms:ListResourceTags', 'kms:ListAliases', 'kms:GetKeyPolicy'],
  collect: (ctx) =>
    withClient(new KMSClient({ ...ctx.clientConfig }), async function* (kms) {
      const aliases = await regionAliases(ctx, kms);
      // Reported once for the Region (as a key's detail failure would be), not once per key.
      if (!(aliases instanceof Map)) yield { resources: [], problems: [{ operation: 'kms:ListAliases', reason: aliases.unreadable }] };
      const listing = pages(ctx, 'kms:ListKeys', (Marker) => kms.send(new ListKeysCommand({ Marker, Limit: 1000 })), (p) => (p.Truncated ? p.NextMarker : undefined));
      for await (const page of listing) {
        const problems: Problem[] = [];
        const configs = await Promise.all((page.Keys ?? []).filter((k) => k.KeyId).map((k) => readKey(ctx, kms, k, aliases, problems)));
        yield { resources: configs.flatMap((c) => (c ? [toResource(kmsKeyType, ctx, c)] : [])), ...(problems.length ? { problems } : {}) };
      }
    }),
};
