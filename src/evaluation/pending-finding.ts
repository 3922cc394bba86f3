import type { Resource } from '../inventory/resource.js';
import type { CompiledPolicy } from '../policies/compiled-policy.js';
import type { FilterContext } from '../policies/filters/named-filter.js';
import type { Evidence } from '../violations/evidence.js';
import type { Finding } from '../violations/violation.js';

/**
 * A finding whose evidence is written when first read: the evaluator decides with `holds` and
 * leaves the evidence (paths, expectations, values shown as text) to whoever keeps the finding — a
 * caller that only counts failures never pays for it. The evidence is exactly `policy.test(resource)`
 * at the time it is read, so read it (or `settleFinding`) before the resource changes.
 *
 * @example
 * const f = new PendingFinding(cp, bucket, ctx);
 * f.evidence; // [{ path: 'Versioning.Status', expected: '= Enabled', actual: 'Suspended' }]
 */
export class PendingFinding implements Finding {
  readonly policyId: string;
  readonly severity: Finding['severity'];
  readonly resourceArn: string;
  readonly resourceType: string;
  readonly accountId: string;
  readonly region: string;
  readonly owner: string | null;
  // Private fields: a structured clone (postMessage) never drags the resource or the scan context along.
  readonly #policy: CompiledPolicy;
  readonly #resource: Resource;
  readonly #ctx: FilterContext;
  #evidence: Evidence[] | undefined;

  constructor(policy: CompiledPolicy, resource: Resource, ctx: FilterContext) {
    this.policyId = policy.policy.id;
    this.severity = policy.policy.severity;
    this.resourceArn = resource.arn;
    this.resourceType = resource.type;
    this.accountId = resource.accountId;
    this.region = resource.region;
    this.owner = resource.owner ?? null;
    this.#policy = policy;
    this.#resource = resource;
    this.#ctx = ctx;
  }

  get evidence(): Evidence[] {
    if (this.#evidence === undefined) {
      const ev = this.#policy.test(this.#resource, this.#ctx);
      // `holds` said the resource fails: `test` must agree (the condition compiler's invariant).
      if (ev === null) throw new Error(`policy ${this.policyId} decided that ${this.resourceArn} fails but wrote no evidence`);
      this.#evidence = ev;
    }
    return this.#evidence;
  }

  toJSON(): Finding {
    return settleFinding(this);
  }
}

/**
 * The finding as plain data, evidence written: what crosses a thread boundary or is kept after the
 * resource may change.
 * @example worker.postMessage(findings.map(settleFinding));
 */
export const settleFinding = (f: Finding): Finding => ({
  policyId: f.policyId,
  severity: f.severity,
  resourceArn: f.resourceArn,
  resourceType: f.resourceType,
  accountId: f.accountId,
  region: f.region,
  owner: f.owner,
  evidence: f.evidence,
});
