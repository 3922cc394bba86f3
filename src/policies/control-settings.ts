import type { Diagnostic } from '../common/vigil-error.js';
import type { ControlSettingsConfig } from '../config/vigil-config.js';
import type { ParameterScope } from './compiled-policy.js';
import type { LoadedPolicy } from './policy.js';

/** A policy after the organisation's settings: maybe disabled (with the reason reports show). */
export interface EffectivePolicy extends LoadedPolicy {
  disabledReason?: string;
}

export interface SettingsResult {
  policies: EffectivePolicy[];
  scopes: Map<string, ParameterScope[]>;
  diagnostics: Diagnostic[];
}

/**
 * Applies `controls:` from vigil.config.yaml to the loaded policies: disable (with a reason),
 * severity, organisation-wide parameters, and per-account / per-OU parameters — without copying any
 * policy. Unknown controls and parameters are errors, so a typo never silently changes nothing.
 *
 * @example
 * applyControlSettings(policies, { 'log-group-retention': { overrides: [{ ous: ['root/sandbox'], parameters: { minDays: 30 } }] } });
 */
export const applyControlSettings = (policies: readonly LoadedPolicy[], controls: Readonly<Record<string, ControlSettingsConfig>>): SettingsResult => {
  const byId = new Map(policies.map((p) => [p.id, p]));
  const diagnostics: Diagnostic[] = [];
  const scopes = new Map<string, ParameterScope[]>();
  const changed = new Map<string, EffectivePolicy>();
  for (const [id, c] of Object.entries(controls)) {
    const p = byId.get(id);
    if (!p) {
      diagnostics.push({ message: `controls.${id}: no policy has this id (see \`vigil policies list\`)` });
      continue;
    }
    const checkParams = (where: string, values: Record<string, unknown>) => {
      for (const [name, v] of Object.entries(values)) {
        const def = p.parameters?.[name];
        if (!def) diagnostics.push({ message: `${where}.${name}: policy ${id} has no such parameter (it has: ${Object.keys(p.parameters ?? {}).join(', ') || 'none'})` });
        else if (!fits(def.type, v)) diagnostics.push({ message: `${where}.${name}: must be a ${def.type}, found ${JSON.stringify(v)}` });
      }
    };
    const list: ParameterScope[] = [];
    if (c.parameters) {
      checkParams(`controls.${id}.parameters`, c.parameters);
      list.push({ values: c.parameters });
    }
    (c.overrides ?? []).forEach((o, i) => {
      checkParams(`controls.${id}.overrides.${i}.parameters`, o.parameters);
      if (!o.accounts && !o.ous) diagnostics.push({ message: `controls.${id}.overrides.${i}: name the accounts or ous it applies to` });
      list.push({ values: { ...(c.parameters ?? {}), ...o.parameters }, ...(o.accounts ? { accountIds: new Set(o.accounts) } : {}), ...(o.ous ? { ous: o.ous } : {}) });
    });
    if (list.length) scopes.set(id, list);
    const next: EffectivePolicy = { ...p };
    if (c.severity) next.severity = c.severity;
    if (c.enabled === false) {
      next.enabled = false;
      next.disabledReason = c.reason ?? 'disabled in vigil.config.yaml';
    } else if (c.enabled === true) next.enabled = true;
    changed.set(id, next);
  }
  return { policies: policies.map((p) => changed.get(p.id) ?? p), scopes, diagnostics };
};

const fits = (type: string, v: unknown): boolean =>
  type === 'number' ? typeof v === 'number' : type === 'integer' ? Number.isInteger(v) : type === 'string' ? typeof v === 'string' : type === 'boolean' ? typeof v === 'boolean' : Array.isArray(v) && v.every((x) => typeof x === 'string');
