import type { CollectRequest } from '../inventory/collect-request.js';
import type { CoveredScope } from '../inventory/covered-scope.js';
import type { Organization } from '../inventory/organization.js';
import type { QuarantinedRecord, Resource } from '../inventory/resource.js';

/*
 * The Provider port stays beside its adapters (demo/, file/, and aws/ next), as the store port sits
 * beside sqlite/ and postgres/. The domain types it speaks — Organization, CollectRequest,
 * CoveredScope — live in inventory/, so policies, evaluation and the store never import an adapter
 * folder to name them.
 */

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
  /**
   * How many resources of each type a full collection yields, when the source knows it without
   * collecting (the demo estate): a scan then splits the types over several producer threads, each
   * collecting its own share (`scan.producers`). Sources that cannot say are collected by one.
   */
  resourcesPerType?(): ReadonlyMap<string, number>;
}
