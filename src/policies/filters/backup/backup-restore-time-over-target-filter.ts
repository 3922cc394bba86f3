import { Type } from '@sinclair/typebox';
import { str } from '../../../inventory/resource-types/backup/backup-arns.js';
import type { NamedFilterDefinition } from '../named-filter.js';
import { timeOf } from './backup-selection-index.js';

export interface RestoreTimeParams {
  /** Recovery time objective for a restore, in minutes. */
  maxMinutes: number;
  /** Judge only the newest completed restore of each source resource (older slow restores are history). */
  latestOnly: boolean;
}

const MINUTE_MS = 60_000;

/**
 * Matches a completed restore job that took longer than `maxMinutes` (CompletionDate − CreationDate),
 * Backup Audit Manager's RESTORE_TIME_FOR_RESOURCES_MEET_TARGET. With `latestOnly`, only the
 * newest completed restore per `SourceResourceArn` is judged, so one fixed slow restore does not stay
 * red forever. Jobs still running are not judged.
 *
 * @example
 * where: { filter: backup-restore-time-over-target, maxMinutes: 720, latestOnly: true }
 */
export const backupRestoreTimeOverTargetFilter: NamedFilterDefinition<RestoreTimeParams> = {
  name: 'backup-restore-time-over-target',
  description: 'The restore job completed later than the restore time target after it started.',
  params: Type.Object({ maxMinutes: Type.Number({ exclusiveMinimum: 0 }), latestOnly: Type.Boolean() }),
  needs: ['aws.backup.restore-job'],
  appliesTo: ['aws.backup.restore-job'],
  compile: ({ maxMinutes, latestOnly }) => (r, ctx) => {
    if (r.config.Status !== 'COMPLETED') return null;
    const start = timeOf(r.config.CreationDate);
    const end = timeOf(r.config.CompletionDate);
    if (start === undefined || end === undefined) {
      return [{ path: 'CompletionDate', expected: 'a completion and a creation date', actual: r.config.CompletionDate ?? null, note: 'restore time cannot be measured' }];
    }
    if (latestOnly) {
      const latest = ctx.lookup.memo('backup:latest-restore-by-source', () => {
        const m = new Map<string, { arn: string; at: number }>();
        for (const j of ctx.lookup.byType('aws.backup.restore-job')) {
          const src = str(j.config.SourceResourceArn);
          const at = timeOf(j.config.CompletionDate);
          if (!src || at === undefined || j.config.Status !== 'COMPLETED') continue;
          const cur = m.get(`${j.accountId}/${src}`);
          if (!cur || at > cur.at) m.set(`${j.accountId}/${src}`, { arn: j.arn, at });
        }
        return m;
      });
      const src = str(r.config.SourceResourceArn);
      const newest = src ? latest.get(`${r.accountId}/${src}`) : undefined;
      if (newest && newest.arn !== r.arn) return null;
    }
    const minutes = Math.round((end - start) / MINUTE_MS);
    if (minutes <= maxMinutes) return null;
    return [{ path: 'CompletionDate', expected: `≤ ${maxMinutes} minutes after CreationDate`, actual: r.config.CompletionDate, note: `restore took ${minutes} minutes` }];
  },
  example: { filter: 'backup-restore-time-over-target', maxMinutes: 720, latestOnly: true },
};
