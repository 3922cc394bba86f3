import { threadId } from 'node:worker_threads';
import type { OwnerResolver } from '../inventory/owner-resolver.js';
import type { CollectedBatch, Provider } from '../providers/provider.js';
import type { CollectRequest } from '../inventory/collect-request.js';
import type { Organization } from '../inventory/organization.js';
import { serializeResource } from '../store/serialized-resource.js';
import type { EvaluatedBatch, EvaluatedStream } from './evaluated-batch.js';
import { tallyRows, type Evaluator, type PolicyTally } from './evaluator.js';
import { PreloadedLookup } from '../policies/filters/preloaded-lookup.js';
import { settleFinding } from './pending-finding.js';

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
      const unowned: string[] = [];
      for (const r of resources) {
        const who = owners.resolve(r);
        r.owner = who.owner;
        if (who.source === 'fallback') unowned.push(r.arn);
      }
      const ev = evaluator.evaluate(resources, ctx, tally);
      const failing = input.snapshots === 'all' ? undefined : new Set(ev.findings.map((f) => f.resourceArn));
      return {
        resources: resources.map((r) => serializeResource(r, !failing || failing.has(r.arn))),
        // Evidence is written here, before serializing: the batch may cross a thread boundary.
        findings: ev.findings.map(settleFinding),
        outOfScope: [...ev.outOfScope],
        undecided: [...ev.undecided],
        errors: ev.errors,
        quarantined: b.quarantined,
        covered: b.covered ?? [],
        unowned,
        ...(b.notices?.length ? { notices: b.notices } : {}),
      };
    };
    // The writer should have work from the first second to the last: (1) every type that no
    // lookup-reading policy judges streams out judged at once, while (2) the types cross-resource
    // filters read are collected into the lookup in between (one of their batches after each of
    // pass 1's), then judged; last (3) the types whose policies read the lookup, which by then holds
    // all it will: judging those batch by batch would let early resources see only part of, say, the
    // backup selections. The first pass that starts reports the quarantined records, the others do
    // not (a file source reads the whole file each time).
    let reportQuarantine = request.reportQuarantine !== false;
    const pass = (req: CollectRequest) => {
      const out = provider.collect({ ...req, reportQuarantine })[Symbol.asyncIterator]();
      reportQuarantine = false;
      return out;
    };
    const dependent = evaluator.dependentTypes().filter((t) => !needs.includes(t) && (!wanted || wanted.includes(t)));
    const later = [...needs, ...dependent];
    const first = wanted ? wanted.filter((t) => !later.includes(t)) : undefined;
    const streamed =
      !first || first.length > 0
        ? pass({ ...request, ...(first ? { types: first } : {}), ...(later.length && !first ? { excludeTypes: [...(request.excludeTypes ?? []), ...later] } : {}) })
        : undefined;
    const preloading = needs.length ? pass({ ...request, types: needs }) : undefined;
    const preloaded: CollectedBatch[] = [];
    try {
      for (let streaming = streamed !== undefined, loading = preloading !== undefined; streaming || loading; ) {
        if (streaming) {
          const next = await streamed!.next();
          if (next.done) streaming = false;
          else yield judge(next.value, (t) => !later.includes(t));
        }
        if (loading) {
          const next = await preloading!.next();
          if (next.done) loading = false;
          else {
            lookup.add(next.value.resources);
            preloaded.push(next.value);
          }
        }
      }
    } finally {
      // A consumer that stops early must not leave the other pass's source (a file) open.
      await Promise.all([streamed?.return?.(), preloading?.return?.()]);
    }
    while (preloaded.length) yield judge(preloaded.shift() as CollectedBatch, ALL);
    if (dependent.length) {
      for await (const b of { [Symbol.asyncIterator]: () => pass({ ...request, types: dependent }) }) yield judge(b, (t) => dependent.includes(t));
    }
  }
  return {
    batches: batches(),
    tally: () => tallyRows(tally),
    producerThreadId: () => threadId,
  };
};

const ALL = (): boolean => true;
