import type { QuarantinedRecord, Resource } from '../inventory/resource.js';

/** One account of the organisation, as AWS Organizations describes it (plus Vigil's owner mapping). */
export interface Account {
  id: string;
  name: string;
  /** Organizational unit path, e.g. `root/prod`; used for per-OU parameter overrides. */
  ou?: string;
  email?: string;
  /** Team reminded when a resource has no owner tag. */
  owner?: string;
  environment?: string;
}

export interface Organization {
  id?: string;
  accounts: Account[];
}

/** What a scan asks for; every field narrows, absent means all. */
export interface CollectRequest {
  accountIds?: string[];
  regions?: string[];
  types?: string[];
  /** Types to leave out (already collected in an earlier pass). */
  excludeTypes?: string[];
  /** Whether to return bad records as quarantined in this pass (a scan asks in exactly one pass). */
  reportQuarantine?: boolean;
}

/**
 * A scope the provider listed completely in this batch: any stored resource in it that was not seen
 * in the scan no longer exists (its violations resolve as "resource deleted").
 */
export interface CoveredScope {
  accountId: string;
  region: string;
  type: string;
}

export interface CollectedBatch {
  resources: Resource[];
  quarantined: QuarantinedRecord[];
  covered?: CoveredScope[];
  /** What the source could not judge and says so in the scan summary (e.g. "12 items of 3 types not judged: AWS::…"). */
  notices?: string[];
}

/**
 * A source of inventory: the demo estate, a file export, AWS APIs, AWS Config snapshots.
 * Providers stream batches so a million resources never sit in memory at once.
 *
 * @example
 * for await (const batch of provider.collect({ types: ['aws.s3.bucket'] })) store(batch.resources);
 */
export interface Provider {
  /** `demo`, `file`, `aws`… */
  readonly name: string;
  collect(request: CollectRequest): AsyncIterable<CollectedBatch>;
  /** The organisation's accounts, when the source knows them. */
  organization(): Promise<Organization>;
}
