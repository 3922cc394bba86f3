import {
  BackupClient,
  DescribeRestoreJobCommand,
  GetBackupPlanCommand,
  GetBackupSelectionCommand,
  GetBackupVaultAccessPolicyCommand,
  GetLegalHoldCommand,
  GetRestoreTestingPlanCommand,
  ListBackupPlansCommand,
  ListBackupSelectionsCommand,
  ListBackupVaultsCommand,
  ListLegalHoldsCommand,
  ListRecoveryPointsByBackupVaultCommand,
  ListRestoreJobsCommand,
  ListRestoreTestingPlansCommand,
  ListRestoreTestingSelectionsCommand,
  ListTagsCommand,
  type BackupPlansListMember,
  type BackupVaultListMember,
} from '@aws-sdk/client-backup';
import type { Resource } from '../../../inventory/resource.js';
import { backupLegalHold } from '../../../inventory/resource-types/backup/backup-legal-hold-resource-type.js';
import { backupPlan } from '../../../inventory/resource-types/backup/backup-plan-resource-type.js';
import { backupRecoveryPoint } from '../../../inventory/resource-types/backup/backup-recovery-point-resource-type.js';
import { backupRestoreJob } from '../../../inventory/resource-types/backup/backup-restore-job-resource-type.js';
import { backupRestoreTestingPlan } from '../../../inventory/resource-types/backup/backup-restore-testing-plan-resource-type.js';
import { backupSelection } from '../../../inventory/resource-types/backup/backup-selection-resource-type.js';
import { backupVault } from '../../../inventory/resource-types/backup/backup-vault-resource-type.js';
import { TAGS_FIELD } from '../../../inventory/unknown-fields.js';
import type { CollectContext, CollectedPage } from '../service-collector.js';
import type { ServiceCollector } from '../service-collector.js';
import { detail, essential, pages, parseDocument, plain, toResource, unread, wants, type Problem, withClient } from './collector-kit.js';

const page = (resources: Resource[], problems: Problem[]): CollectedPage => ({ resources, ...(problems.length ? { problems } : {}) });

/** The vault as ListBackupVaults returns it (lock fields included), its access policy parsed, and its tags. */
const readVault = async (ctx: CollectContext, backup: BackupClient, vault: BackupVaultListMember, problems: Problem[]): Promise<Record<string, unknown>> => {
  const BackupVaultName = vault.BackupVaultName as string;
  const resourceArn = vault.BackupVaultArn;
  const at = resourceArn ? { resourceArn } : {};
  const [policy, tags] = await Promise.all([
    detail(ctx, problems, { operation: 'backup:GetBackupVaultAccessPolicy', ...at, fields: ['AccessPolicy'], absent: ['ResourceNotFoundException'] }, () =>
      backup.send(new GetBackupVaultAccessPolicyCommand({ BackupVaultName })),
    ),
    resourceArn ? detail(ctx, problems, { operation: 'backup:ListTags', ...at, fields: ['Tags', TAGS_FIELD] }, () => backup.send(new ListTagsCommand({ ResourceArn: resourceArn }))) : undefined,
  ]);
  const config = plain(vault);
  if (policy?.Policy) config.AccessPolicy = parseDocument(policy.Policy);
  if (tags) config.Tags = tags.Tags ?? {};
  return resourceArn ? unread(config, problems, resourceArn) : config;
};

/** GetBackupPlan (without the scheduled-runs preview) with its tags; undefined when deleted since the listing. */
const readPlan = async (ctx: CollectContext, backup: BackupClient, plan: BackupPlansListMember, problems: Problem[]): Promise<Resource | undefined> => {
  const BackupPlanId = plan.BackupPlanId as string;
  const got = await essential(ctx, 'backup:GetBackupPlan', () => backup.send(new GetBackupPlanCommand({ BackupPlanId })));
  if (!got) return undefined;
  const { ScheduledRunsPreview: _preview, ...fields } = got;
  const config = plain(fields);
  const arn = got.BackupPlanArn;
  if (arn) {
    const tags = await detail(ctx, problems, { operation: 'backup:ListTags', resourceArn: arn }, () => backup.send(new ListTagsCommand({ ResourceArn: arn })));
    if (tags) config.Tags = tags.Tags ?? {};
  }
  return toResource(backupPlan, ctx, config);
};

/**
 * GetRestoreTestingPlan's plan with its selections (ListRestoreTestingSelections, every page) and
 * tags; undefined when deleted since the listing. A selection listing that fails throws: the plan
 * would otherwise read as testing nothing.
 */
const readRestoreTestingPlan = async (ctx: CollectContext, backup: BackupClient, RestoreTestingPlanName: string, problems: Problem[]): Promise<Resource | undefined> => {
  const got = await essential(ctx, 'backup:GetRestoreTestingPlan', () => backup.send(new GetRestoreTestingPlanCommand({ RestoreTestingPlanName })));
  if (!got?.RestoreTestingPlan) return undefined;
  const config = plain(got.RestoreTestingPlan);
  const selections: Record<string, unknown>[] = [];
  const listing = pages(ctx, 'backup:ListRestoreTestingSelections', (NextToken) => backup.send(new ListRestoreTestingSelectionsCommand({ RestoreTestingPlanName, NextToken, MaxResults: 100 })), (p) => p.NextToken);
  for await (const sp of listing) for (const s of sp.RestoreTestingSelections ?? []) selections.push(plain(s));
  config.RestoreTestingSelections = selections;
  const arn = got.RestoreTestingPlan.RestoreTestingPlanArn;
  if (arn) {
    const tags = await detail(ctx, problems, { operation: 'backup:ListTags', resourceArn: arn }, () => backup.send(new ListTagsCommand({ ResourceArn: arn })));
    if (tags) config.Tags = tags.Tags ?? {};
  }
  return toResource(backupRestoreTestingPlan, ctx, config);
};

/** The selections of one plan, one page at a time. */
async function* selectionsOf(ctx: CollectContext, backup: BackupClient, BackupPlanId: string): AsyncGenerator<CollectedPage> {
  for await (const sp of pages(ctx, 'backup:ListBackupSelections', (NextToken) => backup.send(new ListBackupSelectionsCommand({ BackupPlanId, NextToken, MaxResults: 100 })), (p) => p.NextToken)) {
    const selections = await Promise.all(
      (sp.BackupSelectionsList ?? []).map((s) =>
        essential(ctx, 'backup:GetBackupSelection', () => backup.send(new GetBackupSelectionCommand({ BackupPlanId, SelectionId: s.SelectionId }))),
      ),
    );
    yield page(selections.flatMap((s) => (s ? [toResource(backupSelection, ctx, plain(s))] : [])), []);
  }
}

/**
 * AWS Backup in one account and Region: vaults (lock and access policy), their recovery points, plans
 * with their selections, legal holds, restore jobs and restore testing plans, each in the API's own
 * shape. A listing is sent only in the scan pass that asks for its types (vaults are listed for their
 * recovery points too, plans for their selections, without the per-record reads no one asked for).
 *
 * @example
 * for await (const page of backupCollector.collect(ctx)) store(page.resources);
 */
export const backupCollector: ServiceCollector = {
  service: 'backup',
  types: ['aws.backup.vault', 'aws.backup.recovery-point', 'aws.backup.plan', 'aws.backup.selection', 'aws.backup.legal-hold', 'aws.backup.restore-job', 'aws.backup.restore-testing-plan'],
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
    'ListRestoreTestingPlansCommand',
    'GetRestoreTestingPlanCommand',
    'ListRestoreTestingSelectionsCommand',
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
    'backup:ListRestoreTestingPlans',
    'backup:GetRestoreTestingPlan',
    'backup:ListRestoreTestingSelections',
  ],
  collect: (ctx) =>
    withClient(new BackupClient({ ...ctx.clientConfig }), async function* (backup) {
      // Vaults and plans first, their children after: what a service lacks further down (an emulator, an
      // SCP on one action) then still leaves the top-level records read, and the failure names the call.
      const vaultNames = new Set<string>();
      const vaultsWanted = wants(ctx, backupVault.type);
      // Logically air-gapped vaults are asked for by type as well, so the air-gapped controls see them
      // whether or not the unfiltered listing includes them; a vault is recorded once.
      for (const ByVaultType of vaultsWanted || wants(ctx, backupRecoveryPoint.type) ? ([undefined, 'LOGICALLY_AIR_GAPPED_BACKUP_VAULT'] as const) : []) {
        const listing = pages(ctx, 'backup:ListBackupVaults', (NextToken) => backup.send(new ListBackupVaultsCommand({ NextToken, MaxResults: 100, ByVaultType })), (p) => p.NextToken);
        for await (const vp of listing) {
          const problems: Problem[] = [];
          const vaults = (vp.BackupVaultList ?? []).filter((v) => v.BackupVaultName && !vaultNames.has(v.BackupVaultName));
          for (const v of vaults) vaultNames.add(v.BackupVaultName as string);
          if (!vaultsWanted) continue;
          const configs = await Promise.all(vaults.map((v) => readVault(ctx, backup, v, problems)));
          yield page(configs.map((c) => toResource(backupVault, ctx, c)), problems);
        }
      }
      const planIds: string[] = [];
      const plansWanted = wants(ctx, backupPlan.type);
      const plans = plansWanted || wants(ctx, backupSelection.type);
      for await (const pp of plans ? pages(ctx, 'backup:ListBackupPlans', (NextToken) => backup.send(new ListBackupPlansCommand({ NextToken, MaxResults: 100 })), (p) => p.NextToken) : []) {
        const problems: Problem[] = [];
        const listed = pp.BackupPlansList ?? [];
        planIds.push(...listed.map((p) => p.BackupPlanId as string));
        if (!plansWanted) continue;
        const resources = await Promise.all(listed.map((p) => readPlan(ctx, backup, p, problems)));
        yield page(resources.flatMap((r) => (r ? [r] : [])), problems);
      }
      if (wants(ctx, backupSelection.type)) for (const id of planIds) yield* selectionsOf(ctx, backup, id);
      if (wants(ctx, backupRecoveryPoint.type)) {
        for (const BackupVaultName of vaultNames) {
          const points = pages(ctx, 'backup:ListRecoveryPointsByBackupVault', (NextToken) => backup.send(new ListRecoveryPointsByBackupVaultCommand({ BackupVaultName, NextToken, MaxResults: 1000 })), (p) => p.NextToken);
          for await (const rp of points) yield page((rp.RecoveryPoints ?? []).map((r) => toResource(backupRecoveryPoint, ctx, plain(r))), []);
        }
      }
      for await (const hp of wants(ctx, backupLegalHold.type) ? pages(ctx, 'backup:ListLegalHolds', (NextToken) => backup.send(new ListLegalHoldsCommand({ NextToken, MaxResults: 100 })), (p) => p.NextToken) : []) {
        const holds = await Promise.all(
          (hp.LegalHolds ?? []).map((h) => essential(ctx, 'backup:GetLegalHold', () => backup.send(new GetLegalHoldCommand({ LegalHoldId: h.LegalHoldId })))),
        );
        yield page(holds.flatMap((h) => (h ? [toResource(backupLegalHold, ctx, plain(h))] : [])), []);
      }
      for await (const jp of wants(ctx, backupRestoreJob.type) ? pages(ctx, 'backup:ListRestoreJobs', (NextToken) => backup.send(new ListRestoreJobsCommand({ NextToken, MaxResults: 100 })), (p) => p.NextToken) : []) {
        const jobs = await Promise.all(
          (jp.RestoreJobs ?? []).map((j) => essential(ctx, 'backup:DescribeRestoreJob', () => backup.send(new DescribeRestoreJobCommand({ RestoreJobId: j.RestoreJobId })))),
        );
        yield page(jobs.flatMap((j) => (j ? [toResource(backupRestoreJob, ctx, plain(j))] : [])), []);
      }
      const testingPlans = pages(ctx, 'backup:ListRestoreTestingPlans', (NextToken) => backup.send(new ListRestoreTestingPlansCommand({ NextToken, MaxResults: 100 })), (p) => p.NextToken);
      for await (const tp of wants(ctx, backupRestoreTestingPlan.type) ? testingPlans : []) {
        const problems: Problem[] = [];
        const read = await Promise.all((tp.RestoreTestingPlans ?? []).map((p) => readRestoreTestingPlan(ctx, backup, p.RestoreTestingPlanName as string, problems)));
        yield page(read.flatMap((r) => (r ? [r] : [])), problems);
      }
    }),
};
