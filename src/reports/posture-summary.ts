import { SEVERITIES, severityRank, type Severity } from '../common/severity.js';
import type { LoadedPolicy } from '../policies/policy.js';
import type { ScanRecord } from '../store/ports/scan-store.js';
import type { StorePorts } from '../store/store.js';
import { LIVE_STATES, type ViolationState } from '../violations/violation.js';

/** How many live violations one framework has, and how many of its policies fail somewhere. */
export interface FrameworkPosture {
  /** Framework id as the policies spell it, e.g. `dora`, `cis-aws@4.0`, `iso27001@2022`. */
  framework: string;
  /** Enabled policies mapped to this framework. */
  policies: number;
  /** Of those, how many have at least one live violation. */
  failingPolicies: number;
  violations: number;
}

export interface FailingPolicy {
  policyId: string;
  /** The policy's title, or its id when the policy is no longer loaded (its violations still count). */
  title: string;
  severity: Severity;
  count: number;
}

/**
 * The dashboard's headline numbers: everything a person needs to read the estate's posture at a glance.
 * Counts are of live violations only (LIVE_STATES): resolved and excepted ones are history, not posture.
 */
export interface PostureSummary {
  /** Resources currently present (deleted ones are not counted). */
  resources: number;
  /** Enabled policies. */
  policies: number;
  violations: {
    total: number;
    /** Every severity is present, zero included, so a chart has stable bars. */
    bySeverity: Record<Severity, number>;
    byState: Partial<Record<ViolationState, number>>;
  };
  /** Every framework named by an enabled policy, most violations first. */
  byFramework: FrameworkPosture[];
  /** Most violations first; ties broken by severity, then id. */
  topFailingPolicies: FailingPolicy[];
  byAccount: { accountId: string; violations: number }[];
  /** `owner` is null for violations whose owner could not be resolved: a list worth reading on its own. */
  byOwner: { owner: string | null; violations: number }[];
  /** The most recently started scan, or null before the first one. */
  lastScan: ScanRecord | null;
}

export interface PostureSummaryOptions {
  /** Length of `topFailingPolicies` (default 10). */
  topPolicies?: number;
  /** Length of `byAccount` and `byOwner` (default 25): an organisation may have thousands of accounts. */
  topGroups?: number;
}

/**
 * Builds the posture summary from the store's aggregate queries: a handful of GROUP BY queries, never a
 * scan of every violation, so it stays fast on a million resources.
 *
 * @example
 * const summary = await buildPostureSummary(store, policies);
 * summary.violations.bySeverity.high; // 12
 * summary.byFramework.find((f) => f.framework === 'dora')?.failingPolicies; // 3
 */
export async function buildPostureSummary(
  store: Pick<StorePorts, 'violations' | 'inventory' | 'scans'>,
  policies: LoadedPolicy[],
  options: PostureSummaryOptions = {},
): Promise<PostureSummary> {
  const topPolicies = options.topPolicies ?? 10;
  const topGroups = options.topGroups ?? 25;
  const live = { states: [...LIVE_STATES] };
  const [byPolicy, byAccount, byOwner, resources, lastScan] = await Promise.all([
    store.violations.group(['policyId', 'severity', 'state'], live),
    store.violations.group(['accountId'], live),
    store.violations.group(['owner'], live),
    store.inventory.count(),
    latestScan(store),
  ]);

  const enabled = policies.filter((p) => p.enabled !== false);
  const policyById = new Map(policies.map((p) => [p.id, p]));
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byState: Partial<Record<ViolationState, number>> = {};
  const perPolicy = new Map<string, { count: number; severity: Severity }>();
  let total = 0;
  for (const row of byPolicy) {
    const severity = row.key.severity as Severity;
    const state = row.key.state as ViolationState;
    const policyId = String(row.key.policyId);
    total += row.count;
    bySeverity[severity] = (bySeverity[severity] ?? 0) + row.count;
    byState[state] = (byState[state] ?? 0) + row.count;
    const p = perPolicy.get(policyId);
    // A policy's severity may have been edited since older violations were opened: report the worst seen.
    if (!p) perPolicy.set(policyId, { count: row.count, severity });
    else {
      p.count += row.count;
      if (severityRank(severity) > severityRank(p.severity)) p.severity = severity;
    }
  }

  const frameworks = new Map<string, FrameworkPosture>();
  for (const policy of enabled) {
    const failing = perPolicy.get(policy.id)?.count ?? 0;
    for (const framework of Object.keys(policy.frameworks ?? {})) {
      const f = frameworks.get(framework) ?? { framework, policies: 0, failingPolicies: 0, violations: 0 };
      f.policies += 1;
      if (failing > 0) f.failingPolicies += 1;
      f.violations += failing;
      frameworks.set(framework, f);
    }
  }

  const topFailingPolicies = [...perPolicy.entries()]
    .map(([policyId, p]) => ({ policyId, title: policyById.get(policyId)?.title ?? policyId, severity: p.severity, count: p.count }))
    .sort((a, b) => b.count - a.count || severityRank(b.severity) - severityRank(a.severity) || a.policyId.localeCompare(b.policyId))
    .slice(0, topPolicies);

  return {
    resources,
    policies: enabled.length,
    violations: { total, bySeverity, byState },
    byFramework: [...frameworks.values()].sort((a, b) => b.violations - a.violations || a.framework.localeCompare(b.framework)),
    topFailingPolicies,
    byAccount: byAccount
      .map((r) => ({ accountId: String(r.key.accountId), violations: r.count }))
      .sort((a, b) => b.violations - a.violations || a.accountId.localeCompare(b.accountId))
      .slice(0, topGroups),
    byOwner: byOwner
      .map((r) => ({ owner: r.key.owner ?? null, violations: r.count }))
      .sort((a, b) => b.violations - a.violations || String(a.owner).localeCompare(String(b.owner)))
      .slice(0, topGroups),
    lastScan,
  };
}

/** `scans.list` returns the newest first (by start time). */
async function latestScan(store: Pick<StorePorts, 'scans'>): Promise<ScanRecord | null> {
  return (await store.scans.list({ limit: 1 }))[0] ?? null;
}
