import type { DemoGenerator } from '../../demo-generator.js';
import { isProd, isoDaysAgo } from '../data/data-demo-vocabulary.js';
import { demoUuid } from './backup-demo-naming.js';

/**
 * Legal holds, in each account's home Region: production accounts hold the `daily` vault's backups
 * taken 39 to 31 days ago for an incident investigation (seed 000's example), so a few recovery points
 * inside the range are about to reach the end of their 35-day lifecycle; other accounts have a
 * cancelled hold.
 *
 * @example
 * backupLegalHoldDemoGenerator.generate(ctx).config.Status; // 'ACTIVE'
 */
export const backupLegalHoldDemoGenerator: DemoGenerator = {
  type: 'aws.backup.legal-hold',
  scope: 'home',
  weight: 0.002,
  min: 1,
  generate: (ctx) => {
    const { account, region, index, now } = ctx;
    const id = demoUuid('legal-hold', account.id, region, index);
    const active = isProd(account) && index === 0;
    const arn = `arn:aws:backup:${region}:${account.id}:legal-hold:${id}`;
    const title = active ? 'Incident INC-2041 investigation' : `Closed audit ${index + 1}`;
    return {
      id,
      arn,
      name: title,
      tags: {},
      config: {
        LegalHoldId: id,
        LegalHoldArn: arn,
        Title: title,
        Description: active ? 'Preserve backups taken around the incident for the regulator (DORA Art. 19 report).' : 'Hold released after the audit closed.',
        Status: active ? 'ACTIVE' : 'CANCELED',
        CreationDate: isoDaysAgo(now, 30),
        ...(active ? {} : { CancellationDate: isoDaysAgo(now, 5), CancelDescription: 'Audit closed' }),
        RecoveryPointSelection: {
          VaultNames: ['daily'],
          ResourceIdentifiers: [],
          DateRange: { FromDate: isoDaysAgo(now, 39), ToDate: isoDaysAgo(now, 31) },
        },
      },
    };
  },
};
