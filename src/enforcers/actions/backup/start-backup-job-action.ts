import { ListBackupJobsCommand, ListRecoveryPointsByResourceCommand, StartBackupJobCommand, type BackupJob, type RecoveryPointByResource } from '@aws-sdk/client-backup';
import { Type, type Static } from '@sinclair/typebox';
import type { ActionContext, EnforcementAction } from '../../enforcement-action.js';

const Params = Type.Object(
  {
    maxAgeDays: Type.Number({ exclusiveMinimum: 0, default: 1, description: 'A completed recovery point (or a job started) within this many days is enough.' }),
    backupVaultName: Type.String({ minLength: 1, default: 'Default', description: 'The vault for the on-demand backup.' }),
    iamRoleArn: Type.Optional(Type.String({ pattern: '^arn:aws[a-z-]*:iam::\\d{12}:role/', description: 'The role AWS Backup uses (default: the account\'s AWSBackupDefaultServiceRole).' })),
    deleteAfterDays: Type.Integer({ minimum: 1, default: 35, description: 'Retention of the on-demand recovery point.' }),
  },
  { additionalProperties: false },
);
type P = Static<typeof Params>;
/** newest: the newest completed recovery point; running: a job in progress. */
type State = { newest: string | null; running: { id: string; created: string } | null };

const ACTIVE = ['CREATED', 'PENDING', 'RUNNING'];
const DAY = 86_400_000;
const iso = (d: Date | undefined) => (d ? new Date(d).toISOString() : null);

const readBackups = async (ctx: ActionContext<P>): Promise<State> => {
  const backup = ctx.aws.backup();
  const points = (await backup.send(new ListRecoveryPointsByResourceCommand({ ResourceArn: ctx.resource.arn }))).RecoveryPoints ?? [];
  const newest = points.filter((r: RecoveryPointByResource) => r.Status === 'COMPLETED').map((r: RecoveryPointByResource) => iso(r.CreationDate) ?? '').sort().pop() ?? null;
  const jobs = (await backup.send(new ListBackupJobsCommand({ ByResourceArn: ctx.resource.arn }))).BackupJobs ?? [];
  const job = jobs.find((j: BackupJob) => ACTIVE.includes(j.State ?? ''));
  return { newest, running: job ? { id: job.BackupJobId ?? '', created: iso(job.CreationDate) ?? '' } : null };
};

/**
 * Starts an on-demand backup of a database whose newest recovery point is too old. A job already
 * running (or just started: verify sees it) counts as done. Not reversible: a backup only adds a
 * recovery point; nothing about the resource changes to put back.
 */
export const backupStartBackupJob: EnforcementAction<P, State> = {
  name: 'backup.start-backup-job',
  description: 'Starts an on-demand AWS Backup job for the resource when its newest recovery point is older than maxAgeDays.',
  schema: Params,
  resourceTypes: ['aws.rds.db-instance', 'aws.dynamodb.table'],
  risk: 'safe',
  reversible: false,
  demoUnresolved: Object.fromEntries(
    ['aws.rds.db-instance', 'aws.dynamodb.table'].map((t) => [t, 'the job makes a recovery point; the demo generates recovery points independently of the enforced resource']),
  ),
  // StartBackupJob passes the backup role to AWS Backup.
  permissions: ['backup:ListRecoveryPointsByResource', 'backup:ListBackupJobs', 'backup:StartBackupJob', 'iam:PassRole'],
  commands: ['backup:ListRecoveryPointsByResource', 'backup:ListBackupJobs', 'backup:StartBackupJob'],
  read: readBackups,
  compliant: (s, p, now) => s.running !== null || (s.newest !== null && now.getTime() - Date.parse(s.newest) <= p.maxAgeDays * DAY),
  async apply(ctx) {
    const p = ctx.params;
    await ctx.aws.backup().send(
      new StartBackupJobCommand({
        BackupVaultName: p.backupVaultName,
        ResourceArn: ctx.resource.arn,
        IamRoleArn: p.iamRoleArn ?? `arn:aws:iam::${ctx.resource.accountId}:role/service-role/AWSBackupDefaultServiceRole`,
        Lifecycle: { DeleteAfterDays: p.deleteAfterDays },
        // One job per violation step, even if the message is delivered twice before the record lands.
        IdempotencyToken: ctx.message.idempotencyKey,
      }),
    );
  },
};
