import type { Logger } from '@smithy/types';
import type { QuarantinedRecord } from '../../inventory/resource.js';

/**
 * Something a scan could not read: a whole account (the role could not be assumed), an account's
 * region list, one service's listing in one region (the scope is then not covered), or one detail
 * call for one resource (the resource is kept, without that setting).
 */
export interface CollectionFailure {
  accountId: string;
  region?: string;
  service: string;
  /** The IAM action that failed, e.g. `backup:ListRecoveryPointsByBackupVault`. */
  operation: string;
  /** The AWS error code, e.g. `AccessDenied`, `ThrottlingException`. */
  code: string;
  message: string;
  resourceArn?: string;
  /** How many resources the same detail call failed for in this scope (`resourceArn` is the first). */
  resourceCount?: number;
  /** Resources of the scope read before the listing failed (they are kept; the scope is not covered). */
  partialResources?: number;
}

/**
 * `AccessDenied on backup:ListRecoveryPointsByBackupVault in 111122223333/eu-west-1`: the line the
 * scan summary and the log show.
 * @example describeFailure({ accountId: '111122223333', region: 'eu-west-1', service: 'backup', operation: 'backup:ListBackupVaults', code: 'AccessDenied', message: '' });
 */
export const describeFailure = (f: CollectionFailure): string =>
  `${f.code} on ${f.operation}${f.resourceArn ? ` for ${f.resourceArn}${(f.resourceCount ?? 1) > 1 ? ` and ${f.resourceCount! - 1} more` : ''}` : ''} in ${f.accountId}${f.region ? `/${f.region}` : ''}` +
  (f.partialResources !== undefined ? ` (partial: ${f.partialResources} resources read before it failed; not marked complete)` : '');

/** The failure as the store keeps it: in the scan's quarantine, with the source it came from. */
export const failureRecord = (f: CollectionFailure): QuarantinedRecord => ({
  source: `aws:${f.accountId}${f.region ? `/${f.region}` : ''}/${f.service}`,
  reason: f.message && f.message !== f.code ? `${describeFailure(f)}: ${f.message.slice(0, 300)}` : describeFailure(f),
  record: JSON.stringify({ ...f, message: f.message.slice(0, 1_000), partial: f.partialResources !== undefined }),
});

/** One structured log line per failure (JSON, so log pipelines can count them by code and service). */
export const failureLogLine = (f: CollectionFailure): string =>
  JSON.stringify({ level: 'warn', event: 'aws.collect.failed', account: f.accountId, region: f.region, service: f.service, operation: f.operation, code: f.code, ...(f.resourceArn ? { resource: f.resourceArn, resources: f.resourceCount ?? 1 } : {}), ...(f.partialResources !== undefined ? { partialResources: f.partialResources } : {}), message: f.message.slice(0, 300) });

/** The AWS error code of an SDK exception. */
export const codeOf = (e: unknown): string => {
  const err = e as { name?: string; Code?: string; code?: string } | undefined;
  return err?.Code ?? (err?.name && err.name !== 'Error' ? err.name : undefined) ?? err?.code ?? 'Error';
};

const COMMAND = Symbol('vigil.aws.command');

/**
 * An SDK logger that remembers, on each error the SDK throws, the command that threw it: the SDK's
 * errors do not say which call failed, and a listing failure must name it (`ListBackupVaults`).
 * Only `error` is defined, so successful calls cost nothing to log.
 */
export const errorCaptureLogger: Logger = {
  debug: () => undefined,
  warn: () => undefined,
  error: (entry: unknown) => {
    const { commandName, error } = (entry ?? {}) as { commandName?: string; error?: unknown };
    if (commandName && error && typeof error === 'object' && !(COMMAND in error)) Object.defineProperty(error, COMMAND, { value: commandName });
  },
} as unknown as Logger;

/**
 * The IAM action behind a failed call: the command the SDK reported, matched against the
 * collector's declared permissions (`logs:DescribeLogGroups` for the `cloudwatch-logs` client).
 */
export const operationOf = (e: unknown, service: string, permissions: readonly string[]): string => {
  const command = (e && typeof e === 'object' ? (e as Record<symbol, unknown>)[COMMAND] : undefined) as string | undefined;
  if (!command) return `${service}:*`;
  const action = command.replace(/Command$/, '');
  return permissions.find((p) => p.split(':')[1] === action) ?? `${service}:${action}`;
};
