import { randomUUID } from 'node:crypto';
import { iso, type Clock } from '../common/clock.js';
import type { OwnerResolver } from '../inventory/owner-resolver.js';
import type { QuarantinedRecord, Resource } from '../inventory/resource.js';
import type { CollectRequest, CoveredScope, Organization, Provider } from '../providers/provider.js';
import type { Store } from '../store/store.js';
import { reconcile, resolveDeleted } from '../violations/violation-reconciler.js';
import { Evaluator, type EvaluationError, type PolicyTally } from './evaluator.js';
import { PreloadedLookup } from './preloaded-lookup.js';

export interface ScanProgress {
  resources: number;
  violations: number;
  quarantined: number;
}

export interface ScanOptions {
  request?: CollectRequest;
  /** Called after every stored batch (for progress bars). */
  onProgress?: (p: ScanProgress) => void;
  /** Who the audit trail says did it. */
  actor?: string;
}

export interface ScanReport {
  scanId: string;
  source: string;
  startedAt: string;
  finishedAt: string;
  resources: number;
  evaluations: number;
  findings: number;
  opened: number;
  reopened: number;
  resolved: number;
  deletedResources: number;
  quarantined: QuarantinedRecord[];
  /** Total quarantined (the list above is capped for display). */
  quarantinedCount: number;
  errors: EvaluationError[];
  errorCount: number;
}

const KEEP_IN_REPORT = 100;

/**
 * One pass over an estate: collect → resolve owners → evaluate → reconcile with stored violations →
 * store, batch by batch in one transaction each (resources, violations and their audit events
 * commit together), so memory stays flat and a crash never leaves half a batch.
 *
 * @example
 * const report = await scans.run(demoProvider, { onProgress: (p) => bar.update(p.resources) });
 */
export class ScanService {
  constructor(
    private readonly deps: {
      store: Store;
      evaluator: Evaluator;
      clock: Clock;
      owners: (org: Organization) => OwnerResolver;
    },
  ) {}

  async run(provider: Provider, opts: ScanOptions = {}): Promise<ScanReport> {
    const { store, evaluator, clock } = this.deps;
    const actor = opts.actor ?? 'scanner';
    const scanId = randomUUID();
    const startedAt = iso(clock.now());
    const source = provider.name;
    await store.startScan({ id: scanId, source, startedAt, finishedAt: null, status: 'running', stats: {} });
    const report: ScanReport = {
      scanId, source, startedAt, finishedAt: startedAt, resources: 0, evaluations: 0, findings: 0, opened: 0, reopened: 0,
      resolved: 0, deletedResources: 0, quarantined: [], quarantinedCount: 0, errors: [], errorCount: 0,
    };
    try {
      const organization = await provider.organization();
      const owners = this.deps.owners(organization);
      const lookup = new PreloadedLookup();
      const ctx = { now: Date.parse(startedAt), lookup, organization };
      const tally: PolicyTally = new Map();
      const covered: CoveredScope[] = [];
      const request = opts.request ?? {};
      const wanted = request.types;
      const needs = evaluator.needs().filter((t) => !wanted || wanted.includes(t));

      const processBatch = async (resources: Resource[], quarantined: QuarantinedRecord[]) => {
        for (const r of resources) r.owner = owners.ownerOf(r);
        const ev = evaluator.evaluate(resources, ctx, tally);
        const judged = new Map<string, readonly string[]>();
        for (const r of resources) judged.set(r.arn, evaluator.policiesFor(r.type).map((p) => p.policy.id));
        const at = iso(clock.now());
        await store.transaction(async (tx) => {
          await tx.upsertResources(resources, scanId, at);
          const existing = resources.length ? await tx.violationsOfResources(resources.map((r) => r.arn)) : [];
          const rec = reconcile({ judged, findings: ev.findings, undecided: ev.undecided, outOfScope: ev.outOfScope, existing, scanId, at, actor });
          if (rec.inserts.length) await tx.insertViolations(rec.inserts);
          if (rec.updates.length) await tx.updateViolations(rec.updates);
          if (rec.events.length) await tx.appendEvents(rec.events);
          if (quarantined.length) await tx.addQuarantine(quarantined, scanId, at);
          report.opened += rec.opened;
          report.reopened += rec.reopened;
          report.resolved += rec.resolved;
        });
        report.resources += resources.length;
        report.findings += ev.findings.length;
        report.quarantinedCount += quarantined.length;
        for (const q of quarantined) if (report.quarantined.length < KEEP_IN_REPORT) report.quarantined.push(q);
        report.errorCount += ev.errors.length;
        for (const e of ev.errors) if (report.errors.length < KEEP_IN_REPORT) report.errors.push(e);
        opts.onProgress?.({ resources: report.resources, violations: report.findings, quarantined: report.quarantinedCount });
      };

      // Pass 1: what cross-resource filters read, kept in memory for pass 2.
      if (needs.length) {
        for await (const b of provider.collect({ ...request, types: needs, reportQuarantine: false })) {
          lookup.add(b.resources);
          if (b.covered) covered.push(...b.covered);
          await processBatch(b.resources, b.quarantined);
        }
      }
      // Pass 2: everything else, streamed.
      const rest = wanted ? wanted.filter((t) => !needs.includes(t)) : undefined;
      if (!rest || rest.length) {
        for await (const b of provider.collect({ ...request, ...(rest ? { types: rest } : {}), ...(needs.length && !rest ? { excludeTypes: needs } : {}) })) {
          if (b.covered) covered.push(...b.covered);
          await processBatch(b.resources.filter((r) => !needs.includes(r.type)), b.quarantined);
        }
      }

      const at = iso(clock.now());
      await store.transaction(async (tx) => {
        const gone = covered.length ? await tx.markMissingResources(covered, scanId, at) : [];
        report.deletedResources = gone.length;
        for (let i = 0; i < gone.length; i += 500) {
          const existing = await tx.violationsOfResources(gone.slice(i, i + 500));
          const del = resolveDeleted(existing, at, scanId, actor);
          if (del.updates.length) await tx.updateViolations(del.updates);
          if (del.events.length) await tx.appendEvents(del.events);
          report.resolved += del.updates.length;
        }
        await tx.addPolicyResults([...tally.values()].map((t) => ({ scanId, ...t })));
        report.evaluations = [...tally.values()].reduce((n, t) => n + t.evaluated, 0);
        report.finishedAt = at;
        const stats = statsOf(report);
        await tx.finishScan(scanId, { finishedAt: at, status: 'finished', stats });
        await tx.appendEvents([{ type: 'scan.finished', subjectKind: 'scan', subjectId: scanId, actor, at, data: { source, ...stats } }]);
      });
      return report;
    } catch (e) {
      const at = iso(clock.now());
      await store.finishScan(scanId, { finishedAt: at, status: 'failed', stats: statsOf(report), error: (e as Error).message }).catch(() => undefined);
      throw e;
    }
  }
}

const statsOf = (r: ScanReport): Record<string, number> => ({
  resources: r.resources,
  evaluations: r.evaluations,
  findings: r.findings,
  opened: r.opened,
  reopened: r.reopened,
  resolved: r.resolved,
  deletedResources: r.deletedResources,
  quarantined: r.quarantinedCount,
  errors: r.errorCount,
});
