import { tagMap, type ResourceTypeDefinition } from '../../resource-type.js';
import { str } from './backup-arns.js';

/**
 * An AWS Backup legal hold: GetLegalHold output. Recovery points created inside
 * `RecoveryPointSelection.DateRange` of the selected vaults/resources may not be deleted while the
 * hold is ACTIVE.
 *
 * @example
 * backupLegalHold.identity({ LegalHoldId: 'lh-1', Title: 'Incident 42' }, where).name; // 'Incident 42'
 */
export const backupLegalHold: ResourceTypeDefinition = {
  type: 'aws.backup.legal-hold',
  provider: 'aws',
  service: 'backup',
  title: 'AWS Backup legal hold',
  sources: ['ListLegalHolds', 'GetLegalHold', 'ListTags'],
  scope: 'regional',
  identity: (c, where) => {
    const id = str(c.LegalHoldId) ?? 'unknown';
    return { id, arn: str(c.LegalHoldArn) ?? `arn:aws:backup:${where.region}:${where.accountId}:legal-hold:${id}`, name: str(c.Title) ?? id };
  },
  tags: (c) => tagMap(c.Tags),
  example: {
    LegalHoldId: '0a1b2c3d-0000-4000-8000-000000000004',
    LegalHoldArn: 'arn:aws:backup:eu-west-1:111122223333:legal-hold:0a1b2c3d-0000-4000-8000-000000000004',
    Title: 'Incident 2026-041 investigation',
    Description: 'Preserve backups taken around the incident for the regulator.',
    Status: 'ACTIVE',
    CreationDate: '2026-10-02T09:00:00.000Z',
    RecoveryPointSelection: {
      VaultNames: ['daily'],
      ResourceIdentifiers: [],
      DateRange: { FromDate: '2026-09-24T00:00:00.000Z', ToDate: '2026-10-03T00:00:00.000Z' },
    },
  },
};
