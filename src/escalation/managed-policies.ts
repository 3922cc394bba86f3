import { canonicalJson, sha256 } from '../common/stable-hash.js';
import type { EffectivePolicy } from '../policies/control-settings.js';
import type { ManagedPolicy } from './managed-policy.js';

/**
 * The enabled policies as the manager sees them, by id, each with its version (content hash of the
 * definition as loaded, settings applied), which enforcement requests carry.
 *
 * @example managedPolicies(vigil.policies).get('s3-bucket-public-access-block')?.remediation.enforce; // 's3.block-public-access'
 */
export const managedPolicies = (policies: readonly EffectivePolicy[]): Map<string, ManagedPolicy> => {
  const out = new Map<string, ManagedPolicy>();
  for (const p of policies) {
    if (p.enabled === false || p.disabledReason) continue;
    const { source: _source, builtin: _builtin, ...definition } = p;
    out.set(p.id, { id: p.id, title: p.title, severity: p.severity, remediation: p.remediation, version: `sha256:${sha256(canonicalJson(definition))}` });
  }
  return out;
};
