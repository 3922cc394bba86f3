import { complianceScore, type RequirementStatus, type ScoredPolicy } from '../frameworks/compliance-score.js';
import type { FrameworkRegistry } from '../frameworks/framework-registry.js';
import type { PolicyResultRow, ScanRecord } from '../store/ports/scan-store.js';
import type { StorePorts } from '../store/store.js';

/** The scan whose results a report scores: its id and when it finished. */
export interface ScoredScan {
  id: string;
  finishedAt: string | null;
  results: readonly PolicyResultRow[];
}

/** One line of `vigil frameworks`. */
export interface FrameworkSummaryRow {
  id: string;
  title: string;
  version: string;
  requirements: number;
  /** Requirements at least one enabled policy covers. */
  covered: number;
  /** Requirements a person must evidence: uncovered, covered only by disabled policies, or organisational. */
  manual: number;
  /** Passing evaluations / all, from the scored scan; null without a scan or without evaluations. */
  score: number | null;
}

/** One requirement of `vigil frameworks show <id>`. */
export interface RequirementRow {
  ref: string;
  title: string;
  summary: string;
  /** Enabled policies that cover it, sorted. */
  controls: string[];
  /** Policies that would cover it but are switched off, with the reason recorded when they were. */
  disabled: { policyId: string; reason: string }[];
  /** Shown as "manual evidence needed": never hidden, never scored as compliant. */
  manualEvidenceNeeded: boolean;
  /** `scored` / `not-evaluated` / `disabled` / `manual`; `not-scanned` when no finished scan exists. */
  status: RequirementStatus | 'not-scanned';
  evaluated: number;
  passed: number;
  score: number | null;
}

/** The whole of `vigil frameworks show <id>`. */
export interface FrameworkDetail {
  id: string;
  title: string;
  version: string;
  publisher: string;
  url: string;
  /** The scan the scores come from; null when the store has no finished scan. */
  scan: { id: string; finishedAt: string | null } | null;
  evaluated: number;
  passed: number;
  score: number | null;
  requirements: RequirementRow[];
  /** Every disabled policy mapped to this framework, with its reason. */
  disabled: { policyId: string; reason: string }[];
}

export interface FrameworkReportInput {
  frameworks: FrameworkRegistry;
  /** Effective policies: disabled ones included, carrying `disabledReason`. */
  policies: readonly ScoredPolicy[];
  /** The latest finished scan's results, or undefined when there is none. */
  scan?: ScoredScan;
}

/**
 * Per-framework detail: every requirement with its controls, gaps marked "manual evidence
 * needed", disabled controls with their reason, and scores when a finished scan exists.
 *
 * @example
 * const d = frameworkDetail({ frameworks, policies }, 'dora');
 * d.requirements.filter((r) => r.manualEvidenceNeeded).map((r) => r.ref); // ['Art. 5', …]
 */
export const frameworkDetail = (input: FrameworkReportInput, frameworkId: string): FrameworkDetail =>
  frameworkDetails(input, [frameworkId])[0] as FrameworkDetail;

/** Details for several frameworks (all by default), scored over one pass of the results. */
export const frameworkDetails = (input: FrameworkReportInput, frameworkIds: string[] = input.frameworks.ids()): FrameworkDetail[] => {
  const scanned = input.scan !== undefined;
  const scores = complianceScore({ frameworks: input.frameworks, policies: input.policies, results: input.scan?.results ?? [], frameworkIds });
  return scores.map((fs) => {
    const framework = input.frameworks.get(fs.frameworkId);
    const summaries = new Map(framework.requirements.map((r) => [r.ref, r.summary]));
    return {
      id: framework.id,
      title: framework.title,
      version: framework.version,
      publisher: framework.publisher,
      url: framework.url,
      scan: input.scan ? { id: input.scan.id, finishedAt: input.scan.finishedAt } : null,
      evaluated: fs.evaluated,
      passed: fs.passed,
      score: scanned ? fs.score : null,
      disabled: fs.disabled,
      requirements: fs.requirements.map((r): RequirementRow => {
        const controls = r.policies.map((p) => p.policyId).sort();
        return {
          ref: r.ref,
          title: r.title,
          summary: summaries.get(r.ref) ?? '',
          controls,
          disabled: r.disabled,
          // A control that is switched off evidences nothing: a person must bring the evidence instead.
          manualEvidenceNeeded: r.manualEvidenceNeeded || controls.length === 0,
          status: scanned ? r.status : 'not-scanned',
          evaluated: r.evaluated,
          passed: r.passed,
          score: scanned ? r.score : null,
        };
      }),
    };
  });
};

/**
 * One row per framework: requirement counts, coverage by enabled policies, manual evidence, score.
 *
 * @example
 * frameworkSummaries({ frameworks, policies }).find((r) => r.id === 'dora'); // { requirements: 84, covered: 30, manual: 60, … }
 */
export const frameworkSummaries = (input: FrameworkReportInput, frameworkIds?: string[]): FrameworkSummaryRow[] =>
  frameworkDetails(input, frameworkIds).map((d) => ({
    id: d.id,
    title: d.title,
    version: d.version,
    requirements: d.requirements.length,
    covered: d.requirements.filter((r) => r.controls.length > 0).length,
    manual: d.requirements.filter((r) => r.manualEvidenceNeeded).length,
    score: d.score,
  }));

/**
 * The most recent finished scan and its per-policy results, or undefined before the first one.
 * Running and failed scans are skipped: a half-done scan would score a partial estate.
 */
export const latestScoredScan = async (store: Pick<StorePorts, 'scans'>): Promise<ScoredScan | undefined> => {
  const pageSize = 50;
  for (let offset = 0; ; offset += pageSize) {
    const page: ScanRecord[] = await store.scans.list({ limit: pageSize, offset });
    const done = page.find((s) => s.status === 'finished');
    if (done) return { id: done.id, finishedAt: done.finishedAt, results: await store.scans.policyResults(done.id) };
    if (page.length < pageSize) return undefined;
  }
};
