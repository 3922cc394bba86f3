import type { Clock } from '../common/clock.js';
import type { VigilConfig } from '../config/vigil-config.js';
import type { LoadedPolicy } from '../policies/policy.js';
import type { StorePorts } from '../store/store.js';

/**
 * What the API needs, handed in by the composition root. It takes the store's ports, not the store's
 * lifecycle: closing the store stays the owner's job.
 *
 * @example
 * const deps: ApiDeps = { store, policies: loaded.policies, clock: systemClock };
 */
export interface ApiDeps {
  store: StorePorts;
  policies: LoadedPolicy[];
  clock: Clock;
  /** Owner rules and teams (config `owners`, `teams`), for `/api/owners`; defaults when absent. */
  owners?: VigilConfig['owners'];
  teams?: VigilConfig['teams'];
  /** Ladder settings (config `escalation`) and account → OU, so a violation shows its ladder and next step. */
  escalation?: VigilConfig['escalation'];
  accountOus?: ReadonlyMap<string, string>;
  /** Who is calling (config `server.auth`); absent: no sign-in, read-only (anonymous reads, writes refused). */
  auth?: import('./api-auth-hook.js').ApiAuthenticator;
  /** The approval service `vigil approve` uses; absent: the approve/reject routes are not served. */
  approvals?: Pick<import('../escalation/approval-service.js').ApprovalService, 'decide'>;
}

/** A policy as the API shows it: what a person needs to read the rule and its consequence, not its condition tree. */
export interface PolicyView {
  id: string;
  title: string;
  description: string | null;
  resource: string | string[];
  severity: LoadedPolicy['severity'];
  frameworks: Record<string, string | string[]>;
  enabled: boolean;
  remediation: {
    guidance: string;
    enforce: string | null;
    risk: string | null;
    reversible: boolean | null;
    approval: boolean | null;
    remind: { times: number; every: string } | null;
  };
}

/** @example policyView(policy).remediation.enforce // 's3.block-public-access' */
export const policyView = (p: LoadedPolicy): PolicyView => ({
  id: p.id,
  title: p.title,
  description: p.description ?? null,
  resource: p.resource,
  severity: p.severity,
  frameworks: p.frameworks ?? {},
  enabled: p.enabled !== false,
  remediation: {
    guidance: p.remediation.guidance,
    enforce: p.remediation.enforce ?? null,
    risk: p.remediation.risk ?? null,
    reversible: p.remediation.reversible ?? null,
    approval: p.remediation.approval ?? null,
    remind: p.remediation.remind ?? null,
  },
});
