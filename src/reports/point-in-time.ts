import type { StorePorts } from '../store/store.js';
import type { Violation } from '../violations/violation.js';
import type { ScoredScan } from './framework-report.js';

/** A violation as the trail says it stood at a past instant. */
export interface PastViolation {
  id: string;
  policyId: string;
  resourceArn: string;
  accountId: string;
  region: string;
  severity: string;
  evidence: Violation['evidence'];
}

/**
 * The latest scan that had finished by `at`, with its per-policy results: the scores as they stood then.
 * @example await scoredScanAt(store, '2026-03-31T23:59:59Z');
 */
export const scoredScanAt = async (store: Pick<StorePorts, 'scans'>, at: string): Promise<ScoredScan | undefined> => {
  let best: { id: string; finishedAt: string } | undefined;
  for (let offset = 0; ; offset += 100) {
    const page = await store.scans.list({ limit: 100, offset });
    for (const s of page) {
      if (s.status === 'finished' && s.finishedAt && s.finishedAt <= at && (!best || s.finishedAt > best.finishedAt)) best = { id: s.id, finishedAt: s.finishedAt };
    }
    if (page.length < 100) break;
  }
  return best && { id: best.id, finishedAt: best.finishedAt, results: await store.scans.policyResults(best.id) };
};

/**
 * Replays the trail's violation transitions (opened, reopened, resolved) up to `at`: the violations
 * live at that instant, with the evidence recorded when they opened or reopened. Violations opened
 * before the retention anchor are not in the trail any more and cannot be replayed.
 * @example (await violationsAt(store, at)).filter((v) => v.policyId === 's3-bucket-public-access-block');
 */
export const violationsAt = async (store: Pick<StorePorts, 'audit'>, at: string): Promise<PastViolation[]> => {
  const live = new Map<string, PastViolation>();
  const known = new Map<string, Omit<PastViolation, 'evidence'>>();
  const types = ['violation.opened', 'violation.reopened', 'violation.resolved'];
  for (let afterSeq = 0; ; ) {
    const page = await store.audit.list({ types, afterSeq, until: at, limit: 10_000 });
    for (const e of page) {
      const d = e.data as { policyId?: string; resourceArn?: string; severity?: string; evidence?: Violation['evidence'] };
      if (e.type === 'violation.opened' && d.policyId && d.resourceArn) {
        // arn:partition:service:region:account:resource
        const [, , , region = '', accountId = ''] = d.resourceArn.split(':');
        known.set(e.subjectId, { id: e.subjectId, policyId: d.policyId, resourceArn: d.resourceArn, accountId, region: region || 'global', severity: d.severity ?? '' });
      }
      const base = known.get(e.subjectId);
      if (!base) continue;
      if (e.type === 'violation.resolved') live.delete(e.subjectId);
      else live.set(e.subjectId, { ...base, evidence: d.evidence ?? [] });
    }
    if (page.length < 10_000) break;
    afterSeq = page[page.length - 1]!.seq;
  }
  return [...live.values()];
};
