import { Type } from '@sinclair/typebox';
import { arr, obj } from '../../../inventory/resource-types/backup/backup-arns.js';
import { retentionsOf } from '../../../inventory/resource-types/backup/backup-policy-retentions.js';
import type { Evidence } from '../../../violations/evidence.js';
import type { NamedFilterDefinition } from '../named-filter.js';
import { plansById, selectionsByTag } from './backup-selection-index.js';

export interface TagPolicyParams {
  /** The tag naming the backup policy (seed 000: `backup`). */
  tagKey: string;
  /** Backup policy names in use, e.g. `db_30_365_2555`. */
  knownPolicies: string[];
  /** Account environments (or `environment` tag values) in scope; empty means every resource. */
  environments: string[];
}

/**
 * Matches an in-scope data store whose `backup` tag is missing or names an unknown policy, or whose
 * policy no backup plan implements: no selection in its account/Region selects `backup=<name>`, or
 * the selecting plans have no rule keeping each promised retention.
 *
 * @example
 * where: { filter: backup-tag-policy-unmet, tagKey: backup, knownPolicies: [db_30_365_2555], environments: [prod] }
 */
export const backupTagPolicyUnmetFilter: NamedFilterDefinition<TagPolicyParams> = {
  name: 'backup-tag-policy-unmet',
  description: 'The resource lacks a known backup-policy tag, or no backup plan with the tag\'s retentions selects it.',
  params: Type.Object({ tagKey: Type.String({ minLength: 1 }), knownPolicies: Type.Array(Type.String()), environments: Type.Array(Type.String()) }),
  needs: ['aws.backup.selection', 'aws.backup.plan'],
  compile: ({ tagKey, knownPolicies, environments }) => (r, ctx) => {
    if (environments.length > 0) {
      // The account's environment first; else the data stores' own tag (`env` in the demo estate, `environment` elsewhere).
      const env = ctx.organization.accounts.find((a) => a.id === r.accountId)?.environment ?? r.tags.environment ?? r.tags.env;
      if (env === undefined || !environments.includes(env)) return null;
    }
    const path = `tag:${tagKey}`;
    const value = r.tags[tagKey];
    if (value === undefined) return [{ path, expected: `one of ${knownPolicies.join(', ')}`, actual: null }];
    if (!knownPolicies.includes(value)) return [{ path, expected: `one of ${knownPolicies.join(', ')}`, actual: value, note: 'unknown backup policy name' }];
    const plans = plansById(ctx.lookup);
    const kept: number[] = [];
    let selected = false;
    for (const s of selectionsByTag(ctx.lookup, `${r.accountId}/${r.region}`, tagKey, value)) {
      if (!s.matches(r)) continue;
      selected = true;
      const plan = plans.get(`${s.accountId}/${s.region}/${s.planId}`);
      for (const rule of arr(obj(plan?.config.BackupPlan)?.Rules)) {
        const d = obj(obj(rule)?.Lifecycle)?.DeleteAfterDays;
        kept.push(typeof d === 'number' ? d : Number.POSITIVE_INFINITY);
      }
    }
    if (!selected) return [{ path, expected: `selected by a backup plan for ${tagKey}=${value}`, actual: value, note: `no backup selection in ${r.accountId}/${r.region} selects ${tagKey}=${value}` }];
    const missing = retentionsOf(value).filter((d) => !kept.some((k) => k >= d));
    if (missing.length === 0) return null;
    const ev: Evidence = { path, expected: `plans keeping ${retentionsOf(value).join('/')} days`, actual: value, note: `no rule of the selecting plans keeps ${missing.join(', ')} days (rules keep ${kept.join(', ') || 'nothing'})` };
    return [ev];
  },
  example: { filter: 'backup-tag-policy-unmet', tagKey: 'backup', knownPolicies: ['db_30_365_2555', 'daily_35'], environments: ['prod'] },
};
