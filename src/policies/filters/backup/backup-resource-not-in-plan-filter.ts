import { Type } from '@sinclair/typebox';
import type { NamedFilterDefinition } from '../named-filter.js';
import { coveringSelections } from './backup-selection-index.js';

/**
 * Matches a resource that no backup selection picks (by ARN or wildcard in `Resources`, by
 * `ListOfTags`, or by `Conditions`), i.e. a resource no backup plan protects. The selections of the
 * scan are compiled and indexed once per account/Region.
 *
 * @example
 * where: { filter: backup-resource-not-in-plan }
 */
export const backupResourceNotInPlanFilter: NamedFilterDefinition<Record<string, never>> = {
  name: 'backup-resource-not-in-plan',
  description: 'The resource is not selected by any AWS Backup plan selection (Resources, ListOfTags, Conditions) in its account and Region.',
  params: Type.Object({}),
  needs: ['aws.backup.selection'],
  compile: () => (r, ctx) =>
    coveringSelections(r, ctx.lookup).length > 0
      ? null
      : [{ path: '$arn', expected: 'selected by a backup plan', actual: r.arn, note: `no backup selection in ${r.accountId}/${r.region} selects this resource by ARN or tags` }],
  example: { filter: 'backup-resource-not-in-plan' },
};
