import { randomUUID } from 'node:crypto';
import { iso, type Clock } from '../common/clock.js';
import type { OwnerResolver } from '../inventory/owner-resolver.js';
import type { QuarantinedRecord } from '../inventory/resource.js';
import type { Provider } from '../providers/provider.js';
import type { CollectRequest } from '../inventory/collect-request.js';
import type { CoveredScope } from '../inventory/covered-scope.js';
import type { Organization } from '../inventory/organization.js';
import { sameScope, scopeKey, type SerializedResource } from '../store/serialized-resource.js';
import type { StoredInventory } from '../store/ports/inventory-store.js';
import type { Store } from '../store/store.js';
import { reconcile, resolveDeleted } from '../violations/violation-reconciler.js';
import { LIVE_STATES } from '../violations/violation.js';
import type { EvaluatedBatch, EvaluatedStream } from './evaluated-batch.js';
import { evaluateStream } from './evaluate-stream.js';
import type { EvaluationError, Evaluator } from './evaluator.js';

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
  /** Extra figures recorded in the scan's stats (e.g. which demo estate was scanned: `demoSeed`, `demoSize`). */
  labels?: Readonly<Record<string, number>>;
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
  /** Resources no tag, account or OU owns (assigned to the fallback team); the list is capped for display. */
  unowned: string[];
  unownedCount: number;
  /** What the source said it could not judge (printed in the summary). */
  notices: string[];
  /**
   * Where the time went: waiting for collection/evaluation vs writing to the store (ms), and which
   * thread produced (`threadId`; 0 is the main thread, so with `scan.worker` it is another).
   */
  timing: { producingMs: number; writingMs: number; producerThreadId: number; writing: WritePhases };
}

/** Where the writer's time went (ms): `npm run bench` prints it, so the README's breakdown is measured, not told. */
export interface WritePhases {
  /** Inventory rows of new and changed resources. */
  inventory: number;
  /** Reading the stored violations of failing or flagged resources, and reconciling them with the findings. */
  reconcile: number;
  /** Inserting, updating and re-seeing violations. */
  violations: number;
  /** Appending the hash-chained audit events. */
  audit: number;
  /** The rest of each transaction: commit (and begin), quarantine. */
  commit: number;
}

const KEEP_IN_REPORT = 100;

type ScopeRef = { type: string; accountId: string; region: string };

/** Where the evaluated batches of a scan come from, given the scan's fixed time. */
export type StreamFactory = (now: number) => EvaluatedStream;

/**
 * One pass over an estate: collect → resolve owners → evaluate → reconcile with stored violations →
 * store, batch by batch in one transaction each (resources, violations and their audit events
 * commit together), so memory stays flat and a crash never leaves half a batch. Collection and
 * evaluation may run on another thread (see worker-evaluate-stream.ts); reconciliation and writes
 * always happen here.
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
      snapshots?: 'all' | 'violating';
    },
  ) {}

  /** Scans a provider in this thread. */
  run(provider: Provider, opts: ScanOptions = {}): Promise<ScanReport> {
    const { evaluator, owners } = this.deps;
    const snapshots = this.deps.snapshots ?? 'all';
    return this.consume(provider.name, (now) => evaluateStream({ provider, evaluator, owners, request: opts.request ?? {}, now, snapshots }), opts);
  }

  /** Scans whatever a stream factory produces (in this thread or a worker), writing here. */
  async consume(source: string, open: StreamFactory, opts: ScanOptions = {}): Promise<ScanReport> {
    const { store, evaluator, clock } = this.deps;
    const actor = opts.actor ?? 'scanner';
    const scanId = randomUUID();
    const startedAt = iso(clock.now());
    await store.scans.start({ id: scanId, source, startedAt, finishedAt: null, status: 'running', stats: {} });
    const report: ScanReport = {
      scanId, source, startedAt, finishedAt: startedAt, resources: 0, evaluations: 0, findings: 0, opened: 0, reopened: 0,
      resolved: 0, deletedResources: 0, quarantined: [], quarantinedCount: 0, errors: [], errorCount: 0, unowned: [], unownedCount: 0, notices: [],
      timing: { producingMs: 0, writingMs: 0, producerThreadId: -1, writing: { inventory: 0, reconcile: 0, violations: 0, audit: 0, commit: 0 } },
    };
    const policyIdsByType = new Map<string, readonly string[]>();
    const judgedBy = (type: string): readonly string[] => {
      let ids = policyIdsByType.get(type);
      if (!ids) policyIdsByType.set(type, (ids = evaluator.policiesFor(type).map((p) => p.policy.id)));
      return ids;
    };
    try {
      const stream = open(Date.parse(startedAt));
      // While the producer starts: what is stored already. Only resources that fail now or had a live
      // violation can change state (the rest need no violation lookup), and only resources whose
      // digest moved need writing (a rescan of an unchanged estate writes no resource rows).
      const flagged = new Set(await store.violations.resourcesWith([...LIVE_STATES, 'excepted']));
      const request = opts.request ?? {};
      // Each scope's stored digests are read when the scope first turns up (a covered scope that
      // turned up empty, at the end), and shrink as its resources are seen. Read all up front, a 1M
      // rescan held a million of them from the start and the writer began ~1 s late.
      const stored: StoredInventory = new Map();
      const loadStored = async (scopes: Iterable<ScopeRef>) => {
        const missing = new Map<string, ScopeRef>();
        for (const s of scopes) {
          const key = scopeKey(s);
          if (!stored.has(key)) missing.set(key, s);
        }
        if (missing.size === 0) return;
        const got = await store.inventory.storedInventory({ accountIds: request.accountIds, regions: request.regions, types: request.types, scopes: [...missing.values()] });
        for (const key of missing.keys()) stored.set(key, got.get(key) ?? new Map());
      };
      const scopesOf = function* (resources: readonly SerializedResource[]): Iterable<ScopeRef> {
        let last: SerializedResource | undefined;
        for (const r of resources) {
          if (sameScope(last, r)) continue;
          last = r;
          yield r;
        }
      };
      const covered = new Map<string, CoveredScope>();
      const changedOf = (resources: readonly SerializedResource[]): SerializedResource[] => {
        const changed: SerializedResource[] = [];
        let scope: SerializedResource | undefined;
        let known: Map<string, string> | undefined;
        for (const r of resources) {
          if (!sameScope(scope, r)) {
            scope = r;
            known = stored.get(scopeKey(r));
          }
          const digest = known?.get(r.arn);
          // Seen: whatever is left in `stored` at the end, in a covered scope, is gone.
          if (digest !== undefined) known!.delete(r.arn);
          if (digest !== r.digest) changed.push(r);
        }
        return changed;
      };
      const write = async (b: EvaluatedBatch) => {
        const at = iso(clock.now());
        const phases = report.timing.writing;
        const read0 = performance.now();
        await loadStored(scopesOf(b.resources));
        phases.inventory += performance.now() - read0;
        const tx0 = performance.now();
        let inner = 0;
        await store.transaction(async (tx) => {
          let t = performance.now();
          const lap = (phase: keyof WritePhases) => {
            const now = performance.now();
            phases[phase] += now - t;
            inner += now - t;
            t = now;
          };
          await tx.inventory.upsertSerialized(changedOf(b.resources), at);
          lap('inventory');
          const failing = new Set(b.findings.map((f) => f.resourceArn));
          // What judged each resource matters only where a stored violation may change.
          const judged = new Map<string, readonly string[]>();
          for (const r of b.resources) if (failing.has(r.arn) || flagged.has(r.arn)) judged.set(r.arn, judgedBy(r.type));
          const lookFor = [...judged.keys()];
          const existing = lookFor.length ? await tx.violations.ofResources(lookFor) : [];
          // Which pairs errored or left scope matters only to stored violations (none on a first scan).
          const some = existing.length > 0;
          const rec = reconcile({
            judged, findings: b.findings, undecided: new Set(some ? b.undecided : []), outOfScope: new Set(some ? b.outOfScope : []), existing, scanId, at, actor,
          });
          lap('reconcile');
          if (rec.inserts.length) await tx.violations.insert(rec.inserts);
          if (rec.updates.length) await tx.violations.update(rec.updates);
          if (rec.seen.length) await tx.violations.markSeen(rec.seen, scanId, at);
          lap('violations');
          if (rec.events.length) await tx.audit.append(rec.events);
          lap('audit');
          if (b.quarantined.length) await tx.quarantine.add(b.quarantined, scanId, at);
          report.opened += rec.opened;
          report.reopened += rec.reopened;
          report.resolved += rec.resolved;
        });
        phases.commit += performance.now() - tx0 - inner;
        for (const c of b.covered) covered.set(scopeKey(c), c);
        if (b.notices) report.notices.push(...b.notices);
        report.resources += b.resources.length;
        report.findings += b.findings.length;
        report.quarantinedCount += b.quarantined.length;
        for (const q of b.quarantined) if (report.quarantined.length < KEEP_IN_REPORT) report.quarantined.push(q);
        report.unownedCount += b.unowned.length;
        for (const a of b.unowned) if (report.unowned.length < KEEP_IN_REPORT) report.unowned.push(a);
        report.errorCount += b.errors.length;
        for (const e of b.errors) if (report.errors.length < KEEP_IN_REPORT) report.errors.push(e);
        opts.onProgress?.({ resources: report.resources, violations: report.findings, quarantined: report.quarantinedCount });
      };
      const batches = stream.batches[Symbol.asyncIterator]();
      for (;;) {
        const t0 = performance.now();
        const next = await batches.next();
        const t1 = performance.now();
        report.timing.producingMs += t1 - t0;
        if (next.done) break;
        await write(next.value);
        report.timing.writingMs += performance.now() - t1;
      }

      const tally = stream.tally();
      report.timing.producerThreadId = stream.producerThreadId();
      const at = iso(clock.now());
      await loadStored(covered.values());
      await store.transaction(async (tx) => {
        const gone: string[] = [];
        for (const [key, scope] of covered) {
          const unseen = [...(stored.get(key) ?? [])].filter(([, digest]) => digest !== '').map(([arn]) => arn);
          gone.push(...(await tx.inventory.markDeleted(scope, unseen, at)));
        }
        await tx.inventory.markScopesSeen([...covered.values()], scanId, at);
        report.deletedResources = gone.length;
        for (let i = 0; i < gone.length; i += 500) {
          const existing = await tx.violations.ofResources(gone.slice(i, i + 500));
          const del = resolveDeleted(existing, at, scanId, actor);
          if (del.updates.length) await tx.violations.update(del.updates);
          if (del.events.length) await tx.audit.append(del.events);
          report.resolved += del.updates.length;
        }
        await tx.scans.addPolicyResults(tally.map((t) => ({ scanId, ...t })));
        report.evaluations = tally.reduce((n, t) => n + t.evaluated, 0);
        report.finishedAt = at;
        const stats = { ...opts.labels, ...statsOf(report) };
        await tx.scans.finish(scanId, { finishedAt: at, status: 'finished', stats });
        await tx.audit.append([{ type: 'scan.finished', subjectKind: 'scan', subjectId: scanId, actor, at, data: { source, ...stats } }]);
      });
      return report;
    } catch (e) {
      const at = iso(clock.now());
      await store.scans.finish(scanId, { finishedAt: at, status: 'failed', stats: statsOf(report), error: (e as Error).message }).catch(() => undefined);
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
  unowned: r.unownedCount,
  producerThreadId: r.timing.producerThreadId,
});
