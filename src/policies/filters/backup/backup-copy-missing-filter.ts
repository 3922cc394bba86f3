import { Type } from '@sinclair/typebox';
import { arr, obj, parseArn } from '../../../inventory/resource-types/backup/backup-arns.js';
import type { NamedFilterDefinition } from '../named-filter.js';

export interface CopyMissingParams {
  /** `cross-region`: a copy to another Region; `cross-account`: a copy to another account of the organisation. */
  kind: 'cross-region' | 'cross-account';
  /** Regions a copy may go to; empty means any (GDPR chapter V: keep copies inside the EEA). */
  allowedRegions: string[];
  /** Accounts a copy may go to; empty means any account of the organisation. */
  allowedAccounts: string[];
}

/**
 * Matches a backup plan none of whose rules copies recovery points to another Region (or another
 * account of the organisation), and reports copies that go where they may not. Reads
 * `BackupPlan.Rules[].CopyActions[].DestinationBackupVaultArn`.
 *
 * @example
 * where: { filter: backup-copy-missing, kind: cross-region, allowedRegions: [eu-central-1, eu-west-1], allowedAccounts: [] }
 */
export const backupCopyMissingFilter: NamedFilterDefinition<CopyMissingParams> = {
  name: 'backup-copy-missing',
  description: 'The backup plan has no copy action to another Region (or another organisation account), or copies to a place not allowed.',
  params: Type.Object({
    kind: Type.Union([Type.Literal('cross-region'), Type.Literal('cross-account')]),
    allowedRegions: Type.Array(Type.String()),
    allowedAccounts: Type.Array(Type.String(), { maxItems: 5 }),
  }),
  appliesTo: ['aws.backup.plan'],
  compile: ({ kind, allowedRegions, allowedAccounts }) => (r, ctx) => {
    const orgAccounts = new Set(ctx.organization.accounts.map((a) => a.id));
    const evidence = [];
    let good = 0;
    const rules = arr(obj(r.config.BackupPlan)?.Rules);
    rules.forEach((raw, i) => {
      arr(obj(raw)?.CopyActions).forEach((ca, j) => {
        const dest = obj(ca)?.DestinationBackupVaultArn;
        const p = parseArn(dest);
        if (!p) return;
        const path = `BackupPlan.Rules[${i}].CopyActions[${j}].DestinationBackupVaultArn`;
        if (allowedRegions.length > 0 && !allowedRegions.includes(p.region)) {
          evidence.push({ path, expected: `a Region in ${allowedRegions.join(', ')}`, actual: dest, note: `copies to ${p.region}, which is not allowed` });
          return;
        }
        if (kind === 'cross-region') {
          if (p.region !== r.region) good++;
          return;
        }
        if (p.accountId === r.accountId) return;
        const inOrg = orgAccounts.size === 0 || orgAccounts.has(p.accountId);
        const allowed = allowedAccounts.length === 0 || allowedAccounts.includes(p.accountId);
        if (inOrg && allowed) good++;
        else evidence.push({ path, expected: allowedAccounts.length ? `an account in ${allowedAccounts.join(', ')}` : 'an account of the organisation', actual: dest, note: `copies to account ${p.accountId}` });
      });
    });
    if (good === 0) {
      evidence.unshift({
        path: 'BackupPlan.Rules[*].CopyActions',
        expected: kind === 'cross-region' ? `a copy action to a Region other than ${r.region}` : `a copy action to another account of the organisation`,
        actual: null,
        note: rules.length === 0 ? 'the plan has no rules' : `no rule copies ${kind}`,
      });
    }
    return evidence.length ? evidence : null;
  },
  example: { filter: 'backup-copy-missing', kind: 'cross-region', allowedRegions: [], allowedAccounts: [] },
};
