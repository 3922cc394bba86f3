import {
  BackupClient,
  DescribeRestoreJobCommand,
  GetBackupPlanCommand,
  GetBackupSelectionCommand,
  GetBackupVaultAccessPolicyCommand,
  GetLegalHoldCommand,
  ListBackupPlansCommand,
  ListBackupSelectionsCommand,
  ListBackupVaultsCommand,
  ListLegalHoldsCommand,
  ListRecoveryPointsByBackupVaultCommand,
  ListRestoreJobsCommand,
  ListTagsCommand,
  type BackupPlansListMember,
  type BackupVaultListMember,
} from '@aws-sdk/client-backup';
import type { Resource } from '../../../inventory/resource.js';
import { backupLegalHold } from '../../../inventory/resource-types/backup/backup-legal-hold-resource-type.js';
import { backupPlan } from '../../../inventory/resource-types/backup/backup-plan-resource-type.js';
import { backupRecoveryPoint } from '../../../inventory/resource-types/backup/backup-recovery-point-resource-type.js';
import { backupRestoreJob } from '../../../inventory/resource-types/backup/backup-restore-job-resource-type.js';
import { backupSelection } from '../../../inventory/resource-types/backup/backup-selection-resource-type.js';
import { backupVault } from '../../../inventory/resource-types/backup/backup-vault-resource-type.js';
import type { CollectContext, CollectedPage } from '../service-collector.js';
import type { ServiceCollector } from '../service-collector.js';
import { detail, essential, pages, parseDocument, plain, sendOptions, toResource, type Problem } from './collector-kit.js';

const page = (resources: Resource[], problems: Problem[]): CollectedPage => ({ resources, ...(problems.length ? { problems } : {}) });

/** The vault as ListBackupVaults returns it (lock fields included), its access policy parsed, and its tags. */
const readVault = async (ctx: CollectContext, backup: BackupClient, vault: BackupVaultListMember, problems: Problem[]): Promise<Record<string, unknown>> => {
  const BackupVaultName = vault.BackupVaultName as string;
  const resourceArn = vault.BackupVaultArn;
  const opts = sendOptions(ctx);
  const at = resourceArn ? { resourceArn } : {};
  const [policy, tags] = await Promise.all([
    detail(ctx, problems, { operation: 'backup:GetBackupVaultAccessPolicy', ...at, absent: ['ResourceNotFoundException'] }, () =>
      backup.send(new GetBackupVaultAccessPolicyCommand({ BackupVaultName }), opts),
    ),
    resourceArn ? detail(ctx, problems, { operation: 'backup:ListTags', ...at }, () => backup.send(new ListTagsCommand({ ResourceArn: resourceArn }), opts)) : undefined,
  ]);
  const config = plain(vault);
  if (policy?.Policy) config.AccessPolicy = parseDocument(policy.Policy);
  if (tags) config.Tags = tags.Tags ?? {};
  return config;
};

/** GetBackupPlan (without the scheduled-runs preview) with its tags; undefined when deleted since the listing. */
const readPlan = async (ctx: CollectContext, backup: BackupClient, plan: BackupPlansListMember, problems: Problem[]): Promise<Resource | undefined> => {
  const BackupPlanId = plan.BackupPlanId as string;
  const opts = sendOptions(ctx);
  const got = await essential(ctx, 'backup:GetBackupPlan', () => backup.send(new GetBackupPlanCommand({ BackupPlanId }), opts));
  if (!got) return undefined;
  const { ScheduledRunsPreview: _preview, ...fields } = got;
  const config = plain(fields);
  const arn = got.BackupPlanArn;
  if (arn) {
    const tags = await detail(ctx, problems, { operation: 'backup:ListTags', resourceArn: arn }, () => backup.send(new ListTagsCommand({ ResourceArn: arn }), opts));
    if (tags) config.Tags = tags.Tags ?? {};
  }
  return toResource(backupPlan, ctx, config);
};

/** The selections of one plan, one page at a time. */
async function* selectionsOf(ctx: CollectContext, backup: BackupClient, BackupPlanId: string): AsyncGenerator<CollectedPage> {
  const opts = sendOptions(ctx);
  for await (const sp of pages(ctx, 'backup:ListBackupSelections', (NextToken) => backup.send(new ListBackupSelectionsCommand({ BackupPlanId, NextToken, MaxResults: 100 }), opts), (p) => p.NextToken)) {
    const selections = await Promise.all(
      (sp.BackupSelectionsList ?? []).map((s) =>
        essential(ctx, 'backup:GetBackupSelection', () => backup.send(new GetBackupSelectionCommand({ BackupPlanId, SelectionId: s.SelectionId }), opts)),
      ),
    );
    yield page(selections.flatMap((s) => (s ? [toResource(backupSelection, ctx, plain(s))] : [])), []);
  }
}

/**
 * AWS Backup in one account and Region: vaults (lock and access policy), their recovery points, plans
 * with their selections, legal holds and restore jobs, each in the API's own shape.
 *
 * @example
 * for await (const page of backupCollector.collect(ctx)) store(page.resources);
 */
export const backupCollector: ServiceCollector = {
  service: 'backup',
  types: ['aws.backup.vault', 'aws.backup.recovery-point', 'aws.backup.plan', 'aws.backup.selection', 'aws.backup.legal-hold', 'aws.backup.restore-job'],
  commands: [
    'ListBackupVaultsCommand',
    'GetBackupVaultAccessPolicyCommand',
    'ListTagsCommand',
    'ListRecoveryPointsByBackupVaultCommand',
    'ListBackupPlansCommand',
    'GetBackupPlanCommand',
    'ListBackupSelectionsCommand',
    'GetBackupSelectionCommand',
    'ListLegalHoldsCommand',
    'GetLegalHoldCommand',
    'ListRestoreJobsCommand',
    'DescribeRestoreJobCommand',
  ],
  permissions: [
    'backup:ListBackupVaults',
    'backup:GetBackupVaultAccessPolicy',
    'backup:ListTags',
    'backup:ListRecoveryPointsByBackupVault',
    'backup:ListBackupPlans',
    'backup:GetBackupPlan',
    'backup:ListBackupSelections',
    'backup:GetBackupSelection',
    'backup:ListLegalHolds',
    'backup:GetLegalHold',
    'backup:ListRestoreJobs',
    'backup:DescribeRestoreJob',
  ],
  async *collect(ctx) {
    const backup = new BackupClient({ ...ctx.clientConfig });
    const opts = sendOptions(ctx);
    try {
      // Vaults and plans first, their children after: what a service lacks further down (an emulator, an
      // SCP on one action) then still leaves the top-level records read, and the failure names the call.
      const vaultNames = new Set<string>();
      // Logically air-gapped vaults are asked for by type as well, so the air-gapped controls see them
      // whether or not the unfiltered listing includes them; a vault is recorded once.
      for (const ByVaultType of [undefined, 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT'] as const) {
        const listing = pages(ctx, 'backup:ListBackupVaults', (NextToken) => backup.send(new ListBackupVaultsCommand({ NextToken, MaxResults: 100, ByVaultType }), opts), (p) => p.NextToken);
        for await (const vp of listing) {
          const problems: Problem[] = [];
          const vaults = (vp.BackupVaultList ?? []).filter((v) => v.BackupVaultName && !vaultNames.has(v.BackupVaultName));
          for (const v of vaults) vaultNames.add(v.BackupVaultName as string);
          const configs = await Promise.all(vaults.map((v) => readVault(ctx, backup, v, problems)));
          yield page(configs.map((c) => toResource(backupVault, ctx, c)), problems);
        }
      }
      const planIds: string[] = [];
      for await (const pp of pages(ctx, 'backup:ListBackupPlans', (NextToken) => backup.send(new ListBackupPlansCommand({ NextToken, MaxResults: 100 }), opts), (p) => p.NextToken)) {
        const problems: Problem[] = [];
        const plans = pp.BackupPlansList ?? [];
        planIds.push(...plans.map((p) => p.BackupPlanId as string));
        const resources = await Promise.all(plans.map((p) => readPlan(ctx, backup, p, problems)));
        yield page(resources.flatMap((r) => (r ? [r] : [])), problems);
      }
      for (const id of planIds) yield* selectionsOf(ctx, backup, id);
      for (const BackupVaultName of vaultNames) {
        const points = pages(ctx, 'backup:ListRecoveryPointsByBackupVault', (NextToken) => backup.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName, NextToken, MaxResults: 1000 }), opts), (p) => p.NextToken);
        for await (const rp of points) yield page((rp.RecoveryPoints ?? []).map((r) => toResource(backupRecoveryPoint, ctx, plain(r))), []);
      }
      for await (const hp of pages(ctx, 'backup:ListLegalHolds', (NextToken) => backup.send(new ListLegalHoldsCommand({ NextToken, MaxResults: 100 }), opts), (p) => p.NextToken)) {
        const holds = await Promise.all(
          (hp.LegalHolds ?? []).map((h) => essential(ctx, 'backup:GetLegalHold', () => backup.send(new GetLegalHoldCommand({ LegalHoldId: h.LegalHoldId }), opts))),
        );
        yield page(holds.flatMap((h) => (h ? [toResource(backupLegalHold, ctx, plain(h))] : [])), []);
      }
      for await (const jp of pages(ctx, 'backup:ListRestoreJobs', (NextToken) => backup.send(new ListRestoreJobsCommand({ NextToken, MaxResults: 100 }), opts), (p) => p.NextToken)) {
        const jobs = await Promise.all(
          (jp.RestoreJobs ?? []).map((j) => essential(ctx, 'backup:DescribeRestoreJob', () => backup.send(new DescribeRestoreJobCommand({ RestoreJobId: j.RestoreJobId }), opts))),
        );
        yield page(jobs.flatMap((j) => (j ? [toResource(backupRestoreJob, ctx, plain(j))] : [])), []);
      }
    } finally {
      backup.destroy();
    }
  },
};
