import type { TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { Diagnostic } from '../common/vigil-error.js';
import type { LoadedPolicy } from './policy.js';

/**
 * Checks each policy's `remediation.params` against the JSON Schema of the action it enforces (the
 * action registry's), so a policy that would send `tag.set` without its tags fails at load, not at
 * 3 a.m. in the enforcer. An action the registry does not know is left to the registry's meta-test.
 *
 * @example
 * checkRemediationParams(policies, (name) => actions.has(name) ? actions.get(name).schema : undefined);
 * // [{ file: 'policies/tags.yaml', line: 3, col: 1, message: 'remediation.params.tags: Expected object (action tag.set)', … }]
 */
export const checkRemediationParams = (policies: readonly LoadedPolicy[], schemaOf: (action: string) => TSchema | undefined): Diagnostic[] => {
  const out: Diagnostic[] = [];
  for (const p of policies) {
    const r = p.remediation;
    if (r.params === undefined) continue;
    const at = { file: p.source.file, line: p.source.line, col: p.source.col };
    if (!r.enforce) {
      out.push({ ...at, message: `${p.id}: remediation.params: params without an enforce action`, path: ['remediation', 'params'] });
      continue;
    }
    const schema = schemaOf(r.enforce);
    if (!schema) continue;
    const params = Value.Default(schema, structuredClone(r.params));
    for (const e of Value.Errors(schema, params)) {
      const field = ['remediation', 'params', ...e.path.split('/').filter(Boolean)];
      out.push({ ...at, message: `${p.id}: ${field.join('.')}: ${e.message} (params of ${r.enforce})`, path: field });
    }
  }
  return out;
};
