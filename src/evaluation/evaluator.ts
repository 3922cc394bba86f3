import type { Resource } from '../inventory/resource.js';
import type { CompiledPolicy } from '../policies/compiled-policy.js';
import type { FilterContext } from '../policies/filters/named-filter.js';
import type { Finding } from '../violations/violation.js';
import { PendingFinding } from './pending-finding.js';

/** A policy that threw on a resource: reported, never silently counted as passing. */
export interface EvaluationError {
  policyId: string;
  resourceArn: string;
  message: string;
}

export interface TallyCell {
  policyId: string;
  accountId: string;
  region: string;
  evaluated: number;
  failed: number;
}

/** Per policy, then per account and region: how many resources were judged and how many failed. */
export type PolicyTally = Map<string, Map<string, TallyCell>>;

/** The tally as rows (one per policy, account and region). */
export const tallyRows = (tally: PolicyTally): TallyCell[] => [...tally.values()].flatMap((m) => [...m.values()].map((t) => ({ ...t })));

export interface BatchEvaluation {
  /** Failures, their evidence written when first read (see PendingFinding; `settleFinding` before a thread boundary). */
  findings: Finding[];
  /** `policyId\u0000arn` pairs where the resource is outside the policy's scope (a stored violation resolves). */
  outOfScope: Set<string>;
  /** `policyId\u0000arn` pairs that could not be judged: their stored violations are left as they are. */
  undecided: Set<string>;
  errors: EvaluationError[];
}

export const pairKey = (policyId: string, arn: string): string => `${policyId}\u0000${arn}`;

/**
 * Judges resources against compiled policies, each resource only against the policies of its type.
 * Callable on any subset of resources (one changed resource, a batch, a whole estate).
 *
 * @example
 * const ev = new Evaluator(compiled);
 * const { findings } = ev.evaluate([bucket], ctx, tally);
 */
export class Evaluator {
  readonly #byType = new Map<string, CompiledPolicy[]>();
  /** Beside each `#byType` list, the policies' positions in `policies`: the slots of their tally cells in `evaluate`. */
  readonly #slotsByType = new Map<string, number[]>();

  constructor(readonly policies: readonly CompiledPolicy[]) {
    policies.forEach((p, i) => {
      if (p.policy.enabled === false) return;
      for (const t of p.types) {
        const list = this.#byType.get(t) ?? [];
        list.push(p);
        this.#byType.set(t, list);
        const slots = this.#slotsByType.get(t) ?? [];
        slots.push(i);
        this.#slotsByType.set(t, slots);
      }
    });
  }

  /** Resource types some filter reads across the inventory: collect them before streaming the rest. */
  needs(): string[] {
    return [...new Set(this.policies.flatMap((p) => p.needs))];
  }

  /** Resource types judged by some policy that reads the lookup: they are judged after the preload. */
  dependentTypes(): string[] {
    return [...new Set(this.policies.filter((p) => p.needs.length > 0).flatMap((p) => p.types))];
  }

  /** Resource types at least one enabled policy judges. */
  types(): string[] {
    return [...this.#byType.keys()];
  }

  policiesFor(type: string): readonly CompiledPolicy[] {
    return this.#byType.get(type) ?? [];
  }

  evaluate(resources: readonly Resource[], ctx: FilterContext, tally?: PolicyTally): BatchEvaluation {
    const findings: Finding[] = [];
    const undecided = new Set<string>();
    const outOfScope = new Set<string>();
    const errors: EvaluationError[] = [];
    // Batches hold runs of one type and of one account and Region: the type's policies and the
    // tally cells of an account and Region are looked up when the run changes. Cells are kept per
    // account and Region for the whole batch, so resources of interleaved Regions cost two lookups.
    let type: string | undefined;
    let ps: readonly CompiledPolicy[] | undefined;
    let slots: number[] = [];
    let account: string | undefined;
    let region: string | undefined;
    let where: string | undefined;
    let cells: (TallyCell | undefined)[] = [];
    const cellsByAccount = new Map<string, Map<string, (TallyCell | undefined)[]>>();
    for (const r of resources) {
      if (r.type !== type) {
        type = r.type;
        ps = this.#byType.get(type);
        slots = this.#slotsByType.get(type) ?? [];
      }
      if (!ps) continue;
      if (tally && (r.accountId !== account || r.region !== region)) {
        account = r.accountId;
        region = r.region;
        where = undefined;
        let byRegion = cellsByAccount.get(account);
        if (!byRegion) cellsByAccount.set(account, (byRegion = new Map()));
        let c = byRegion.get(region);
        if (!c) byRegion.set(region, (c = new Array(this.policies.length)));
        cells = c;
      }
      for (let k = 0; k < ps.length; k++) {
        const p = ps[k] as CompiledPolicy;
        const id = p.policy.id;
        let failed: boolean;
        try {
          if (p.policy.scope !== undefined && !p.applies(r, ctx)) {
            outOfScope.add(pairKey(id, r.arn));
            continue;
          }
          failed = p.holds(r, ctx);
        } catch (e) {
          undecided.add(pairKey(id, r.arn));
          errors.push({ policyId: id, resourceArn: r.arn, message: (e as Error).message });
          continue;
        }
        if (tally) {
          const slot = slots[k] as number;
          let t = cells[slot];
          if (!t) {
            let perPolicy = tally.get(id);
            if (!perPolicy) tally.set(id, (perPolicy = new Map()));
            where ??= `${account}\u0000${region}`;
            t = perPolicy.get(where);
            if (!t) perPolicy.set(where, (t = { policyId: id, accountId: r.accountId, region: r.region, evaluated: 0, failed: 0 }));
            cells[slot] = t;
          }
          t.evaluated++;
          if (failed) t.failed++;
        }
        // The decision allocates nothing; evidence is written when a finding's `evidence` is read.
        if (failed) findings.push(new PendingFinding(p, r, ctx));
      }
    }
    return { findings, outOfScope, undecided, errors };
  }
}
