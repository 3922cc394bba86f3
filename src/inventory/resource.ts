/**
 * One cloud resource as Vigil sees it. `config` is the cloud API's own JSON with the provider's field
 * names kept (for AWS: PascalCase as the API returns it), so a policy author can read the AWS API
 * reference and write `PublicAccessBlockConfiguration.BlockPublicAcls` without a translation table.
 *
 * @example
 * const bucket: Resource = {
 *   provider: 'aws', accountId: '111122223333', region: 'eu-west-1', type: 'aws.s3.bucket',
 *   id: 'payments-logs', arn: 'arn:aws:s3:::payments-logs', name: 'payments-logs',
 *   tags: { owner: 'payments' }, config: { Name: 'payments-logs' }, observedAt: '2026-11-22T10:00:00.000Z',
 * };
 */
export interface Resource {
  provider: string;
  accountId: string;
  region: string;
  /** Registered resource type, `<provider>.<service>.<kind>`. */
  type: string;
  /** The provider's own identifier (bucket name, instance id, user name…). */
  id: string;
  /** Globally unique address; violations and re-evaluation are keyed by it. */
  arn: string;
  name: string;
  tags: Record<string, string>;
  /** Resolved by the owner resolver (tags, account map, fallback team); absent until resolved. */
  owner?: string;
  config: Record<string, unknown>;
  /** When the collector read it (ISO-8601). */
  observedAt: string;
}

/** A record the collector could not turn into a Resource: kept verbatim with the reason, never dropped. */
export interface QuarantinedRecord {
  /** Where it came from: `demo`, `file:inventory.jsonl:42`, `aws:111122223333/eu-west-1/s3`… */
  source: string;
  reason: string;
  /** The raw record (truncated to a sane size by the store). */
  record: string;
}
