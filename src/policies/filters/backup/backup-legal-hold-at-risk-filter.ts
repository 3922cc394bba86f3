import { Type } from '@sinclair/typebox';
import { obj } from '../../../inventory/resource-types/backup/backup-arns.js';
import type { NamedFilterDefinition } from '../named-filter.js';
import { legalHoldsCovering } from './backup-legal-hold-index.js';
import { timeOf } from './backup-selection-index.js';

export interface LegalHoldAtRiskParams {
  /** Report held recovery points whose lifecycle deletes them within this many days (or already). */
  warnDays: number;
}

const DAY_MS = 86_400_000;
const GONE = new Set(['DELETING', 'EXPIRED']);

/**
 * Matches a recovery point under an ACTIVE legal hold that is being deleted or expired, or whose
 * lifecycle (`CalculatedLifecycle.DeleteAt`) would delete it within `warnDays`: the hold must be
 * extended to a lifecycle change or the evidence is lost when the hold is lifted.
 *
 * @example
 * where: { filter: backup-legal-hold-at-risk, warnDays: 30 }
 */
export const backupLegalHoldAtRiskFilter: NamedFilterDefinition<LegalHoldAtRiskParams> = {
  name: 'backup-legal-hold-at-risk',
  description: 'A recovery point inside an active legal hold is being deleted, or its lifecycle deletes it within N days.',
  params: Type.Object({ warnDays: Type.Number({ minimum: 0 }) }),
  needs: ['aws.backup.legal-hold'],
  appliesTo: ['aws.backup.recovery-point'],
  compile: ({ warnDays }) => (r, ctx) => {
    const holds = legalHoldsCovering(r, ctx.lookup);
    if (holds.length === 0) return null;
    const names = holds.map((h) => h.title).join(', ');
    if (GONE.has(String(r.config.Status))) {
      return [{ path: 'Status', expected: 'not DELETING or EXPIRED while under legal hold', actual: r.config.Status, note: `held by ${names}` }];
    }
    const deleteAt = timeOf(obj(r.config.CalculatedLifecycle)?.DeleteAt);
    if (deleteAt !== undefined && deleteAt - ctx.now <= warnDays * DAY_MS) {
      return [{ path: 'CalculatedLifecycle.DeleteAt', expected: `later than ${warnDays} days from now while under legal hold`, actual: obj(r.config.CalculatedLifecycle)?.DeleteAt, note: `held by ${names}` }];
    }
    return null;
  },
  example: { filter: 'backup-legal-hold-at-risk', warnDays: 30 },
};
