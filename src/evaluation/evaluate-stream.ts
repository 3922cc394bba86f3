import type { OwnerResolver } from '../inventory/owner-resolver.js';
import type { CollectedBatch, CollectRequest, Organization, Provider } from '../providers/provider.js';
import { serializeResource } from '../store/store.js';
import type { EvaluatedBatch, EvaluatedStream } from './evaluated-batch.js';
import { tallyRows, type Evaluator, type PolicyTally } from './evaluator.js';
import { PreloadedLookup } from './preloaded-lookup.js';

export interface StreamInput {
  provider: Provider;
  evaluator: Evaluator;
  owners: (org: Organization) => OwnerResolver;
  request: CollectRequest;
  /** Scan time (epoch ms): every age is measured from it. */
  now: number;
  /** Keep config snapshots of every resource, or only of those that fail a policy (default). */
  snapshots?: 'all' | 'violating';
}

/**
 * Collects and judges an estate in two passes: first the resource types that cross-resource filters
 * read (kept in memory as the lookup), then everything else, streamed. Each batch comes out owned,
 * judged and serialized for the store.
 *
 * @example
 * const stream = evaluateStream({ provider, evaluator, owners, request: {}, now });
 * for await (const b of stream.batches) await write(b);
 * stream.tally();
 */
export const evaluateStream = (input: StreamInput): EvaluatedStream => {
  const tally: PolicyTally = new Map();
  async function* batches(): AsyncIterable<EvaluatedBatch> {
    const { provider, evaluator, request } = input;
    const organization = await provider.organization();
    const owners = input.owners(organization);
    const lookup = new PreloadedLookup();
    const ctx = { now: input.now, lookup, organization };
    const wanted = request.types;
    const needs = evaluator.needs().filter((t) => !wanted || wanted.includes(t));
    const judge = (b: CollectedBatch, keep: (t: string) => boolean): EvaluatedBatch => {
      const resources = keep === ALL ? b.resources : b.resources.filter((r) => keep(r.type));
      for (const r of resources) r.owner = owners.ownerOf(r);
      const ev = evaluator.evaluate(resources, ctx, tally);
      const failing = input.snapshots === 'all' ? undefined : new Set(ev.findings.map((f) => f.resourceArn));
      return {
        resources: resources.map((r) => serializeResource(r, !failing || failing.has(r.arn))),
        findings: ev.findings,
        outOfScope: [...ev.outOfScope],
        undecided: [...ev.undecided],
        errors: ev.errors,
        quarantined: b.quarantined,
        covered: b.covered ?? [],
      };
    };
    if (needs.length) {
      // Everything a cross-resource filter reads must be in the lookup before anything is judged:
      // judging batch by batch would let early resources see only part of, say, the backup selections.
      const preloaded: CollectedBatch[] = [];
      for await (const b of provider.collect({ ...request, types: needs, reportQuarantine: false })) {
        lookup.add(b.resources);
        preloaded.push(b);
      }
      while (preloaded.length) yield judge(preloaded.shift() as CollectedBatch, ALL);
    }
    const rest = wanted ? wanted.filter((t) => !needs.includes(t)) : undefined;
    if (rest && rest.length === 0) return;
    const req = { ...request, ...(rest ? { types: rest } : {}), ...(needs.length && !rest ? { excludeTypes: needs } : {}) };
    for await (const b of provider.collect(req)) yield judge(b, (t) => !needs.includes(t));
  }
  return {
    batches: batches(),
    tally: () => tallyRows(tally),
  };
};

const ALL = (): boolean => true;
