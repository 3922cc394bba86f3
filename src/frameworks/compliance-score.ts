import type { PolicyDefinition } from '../policies/policy.js';
import type { PolicyResultRow } from '../store/ports/scan-store.js';
import type { FrameworkRegistry } from './framework-registry.js';

/** A policy as the scorer sees it: its mappings, and whether (and why) it is switched off. */
export interface ScoredPolicy extends Pick<PolicyDefinition, 'id' | 'frameworks' | 'enabled'> {
  /** The reason recorded when the policy was disabled (shown to auditors next to the gap). */
  disabledReason?: string;
}

/** Resource evaluations of one policy, summed over accounts and regions. */
export interface PolicyTally {
  policyId: string;
  evaluated: number;
  failed: number;
}

/**
 * - `scored`: enabled policies judged at least one resource; `score` is set.
 * - `not-evaluated`: enabled policies cover it but judged nothing (no resources of their type).
 * - `disabled`: only disabled policies cover it; their reasons are listed.
 * - `manual`: no policy covers it: manual evidence needed, never a score.
 */
export type RequirementStatus = 'scored' | 'not-evaluated' | 'disabled' | 'manual';

export interface RequirementScore {
  ref: string;
  title: string;
  status: RequirementStatus;
  evaluated: number;
  passed: number;
  /** passed / evaluated, 0–1; null unless `scored`. */
  score: number | null;
  /** True for organisational requirements even when policies cover part of them. */
  manualEvidenceNeeded: boolean;
  policies: PolicyTally[];
  disabled: { policyId: string; reason: string }[];
}

export interface FrameworkScore {
  frameworkId: string;
  title: string;
  /** Each mapped, enabled policy counted once, however many requirements it covers. */
  evaluated: number;
  passed: number;
  score: number | null;
  requirements: RequirementScore[];
  disabled: { policyId: string; reason: string }[];
}

const NO_REASON = 'disabled without a recorded reason';

/** Sums per-account/region rows into one tally per policy. */
export const tallyPolicyResults = (rows: Iterable<PolicyResultRow>): Map<string, PolicyTally> => {
  const out = new Map<string, PolicyTally>();
  for (const r of rows) {
    const t = out.get(r.policyId) ?? { policyId: r.policyId, evaluated: 0, failed: 0 };
    t.evaluated += r.evaluated;
    t.failed += r.failed;
    out.set(r.policyId, t);
  }
  return out;
};

const ratio = (passed: number, evaluated: number): number | null => (evaluated > 0 ? passed / evaluated : null);

/**
 * Compliance per framework and per requirement: passing resource evaluations over all
 * evaluations of the policies mapped to it. Pure: same inputs, same output; no clock, no I/O.
 *
 * @example
 * const [dora] = complianceScore({ frameworks, policies, results: await store.scans.policyResults(scanId), frameworkIds: ['dora'] });
 * dora.score; // 0.93
 * dora.requirements.filter((r) => r.status === 'manual').map((r) => r.ref); // ['Art. 5', 'Art. 6', …]
 */
export const complianceScore = (input: {
  frameworks: FrameworkRegistry;
  policies: Iterable<ScoredPolicy>;
  results: Iterable<PolicyResultRow>;
  frameworkIds?: string[];
}): FrameworkScore[] => {
  const policies = [...input.policies];
  const byId = new Map(policies.map((p) => [p.id, p]));
  const tallies = tallyPolicyResults(input.results);
  const tallyOf = (id: string): PolicyTally => tallies.get(id) ?? { policyId: id, evaluated: 0, failed: 0 };
  const isOn = (id: string): boolean => byId.get(id)?.enabled !== false;
  const reasonOf = (id: string): string => byId.get(id)?.disabledReason?.trim() || NO_REASON;
  const report = input.frameworks.coverage(policies, input.frameworkIds);

  return report.frameworks.map(({ framework, requirements }) => {
    const mapped = new Set(requirements.flatMap((r) => r.policyIds));
    const enabled = [...mapped].filter(isOn).sort();
    const evaluated = enabled.reduce((n, id) => n + tallyOf(id).evaluated, 0);
    const passed = enabled.reduce((n, id) => n + tallyOf(id).evaluated - tallyOf(id).failed, 0);
    return {
      frameworkId: framework.id,
      title: framework.title,
      evaluated,
      passed,
      score: ratio(passed, evaluated),
      disabled: [...mapped].filter((id) => !isOn(id)).sort().map((policyId) => ({ policyId, reason: reasonOf(policyId) })),
      requirements: requirements.map(({ requirement, policyIds }): RequirementScore => {
        const on = policyIds.filter(isOn);
        const off = policyIds.filter((id) => !isOn(id)).map((policyId) => ({ policyId, reason: reasonOf(policyId) }));
        const tallied = on.map(tallyOf);
        const ev = tallied.reduce((n, t) => n + t.evaluated, 0);
        const ok = tallied.reduce((n, t) => n + t.evaluated - t.failed, 0);
        const status: RequirementStatus =
          policyIds.length === 0 ? 'manual' : on.length === 0 ? 'disabled' : ev === 0 ? 'not-evaluated' : 'scored';
        return {
          ref: requirement.ref,
          title: requirement.title,
          status,
          evaluated: ev,
          passed: ok,
          score: status === 'scored' ? ratio(ok, ev) : null,
          manualEvidenceNeeded: status === 'manual' || !requirement.automatable,
          policies: tallied,
          disabled: off,
        };
      }),
    };
  });
};
