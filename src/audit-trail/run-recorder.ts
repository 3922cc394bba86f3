import type { Clock } from '../common/clock.js';
import { canonicalJson, sha256 } from '../common/stable-hash.js';
import type { VigilConfig } from '../config/vigil-config.js';
import type { EffectivePolicy } from '../policies/control-settings.js';
import type { AuditLog } from '../store/ports/audit-log.js';
import { gitCommitOf } from './git-commit-reader.js';

/** The policy set in force: a content hash over every effective policy, and the git commit of each directory. */
export interface PolicySetFingerprint {
  hash: string;
  policies: number;
  disabled: number;
  directories: { path: string; builtin: boolean; commit: string | null }[];
}

/**
 * Fingerprints the policy set: the hash covers what the policies say after the organisation's
 * settings (ids, conditions, parameters, disabled reasons), not where the files happen to live.
 * @example (await policySetFingerprint(vigil.policies, dirs)).hash // '9c1e…'
 */
export const policySetFingerprint = async (policies: readonly EffectivePolicy[], dirs: readonly { path: string; builtin: boolean }[]): Promise<PolicySetFingerprint> => {
  const content = [...policies]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(({ source: _source, ...rest }) => rest);
  return {
    hash: sha256(canonicalJson(content)),
    policies: policies.length,
    disabled: policies.filter((p) => p.disabledReason !== undefined).length,
    directories: await Promise.all(dirs.map(async (d) => ({ path: d.path, builtin: d.builtin, commit: (await gitCommitOf(d.path)) ?? null }))),
  };
};

/**
 * The effective configuration's hash. Secrets and the places they live are left out: a password in
 * the store URL is redacted, key files are named only (their content never enters the config).
 */
export const configFingerprint = (config: VigilConfig): string => {
  const url = config.store.url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  return sha256(canonicalJson({ ...config, store: { ...config.store, url } }));
};

/**
 * Records, at start-up, a `config.changed` event when the effective configuration's hash differs
 * from the last one recorded (the first start records it too). Returns whether it recorded one.
 * @example await recordConfiguration(store.audit, config, clock, 'cli:scan');
 */
export const recordConfiguration = async (audit: AuditLog, config: VigilConfig, clock: Clock, actor: string): Promise<boolean> => {
  const hash = configFingerprint(config);
  const last = await audit.last({ types: ['config.changed'] });
  if (last?.subjectId === hash) return false;
  await audit.append([
    { type: 'config.changed', subjectKind: 'system', subjectId: hash, actor, at: clock.now().toISOString(), data: { hash, previous: last?.subjectId ?? null } },
  ]);
  return true;
};

/**
 * Records which policy set judged a scan (`scan.policy-set`, subject the scan).
 * @example await recordPolicySet(store.audit, report.scanId, fingerprint, clock);
 */
export const recordPolicySet = async (audit: AuditLog, scanId: string, fp: PolicySetFingerprint, clock: Clock): Promise<void> => {
  await audit.append([{ type: 'scan.policy-set', subjectKind: 'scan', subjectId: scanId, actor: 'scanner', at: clock.now().toISOString(), data: { ...fp } }]);
};
