import type { BackupEstate } from './aws-wire-estate.js';
import { WireError, type AwsWireEndpoint, type WireRequest } from './aws-wire-endpoint.js';

/** AWS Backup's REST routes (botocore `backup/2018-11-15`), most specific first. */
const ROUTES: [RegExp, string][] = [
  [/^\/backup-vaults\/?$/, 'ListBackupVaults'],
  [/^\/backup-vaults\/([^/]+)\/access-policy\/?$/, 'GetBackupVaultAccessPolicy'],
  [/^\/backup-vaults\/([^/]+)\/notification-configuration\/?$/, 'GetBackupVaultNotifications'],
  [/^\/backup-vaults\/([^/]+)\/recovery-points\/?$/, 'ListRecoveryPointsByBackupVault'],
  [/^\/backup-vaults\/([^/]+)\/?$/, 'DescribeBackupVault'],
  [/^\/backup\/plans\/?$/, 'ListBackupPlans'],
  [/^\/backup\/plans\/([^/]+)\/selections\/?$/, 'ListBackupSelections'],
  [/^\/backup\/plans\/([^/]+)\/selections\/([^/]+)\/?$/, 'GetBackupSelection'],
  [/^\/backup\/plans\/([^/]+)\/?$/, 'GetBackupPlan'],
  [/^\/legal-holds\/?$/, 'ListLegalHolds'],
  [/^\/legal-holds\/([^/]+)\/?$/, 'GetLegalHold'],
  [/^\/restore-jobs\/?$/, 'ListRestoreJobs'],
  [/^\/restore-jobs\/([^/]+)\/?$/, 'DescribeRestoreJob'],
  [/^\/backup-jobs\/?$/, 'ListBackupJobs'],
  [/^\/copy-jobs\/?$/, 'ListCopyJobs'],
  [/^\/restore-testing\/plans\/?$/, 'ListRestoreTestingPlans'],
  [/^\/restore-testing\/plans\/([^/]+)\/selections\/?$/, 'ListRestoreTestingSelections'],
  [/^\/restore-testing\/plans\/([^/]+)\/?$/, 'GetRestoreTestingPlan'],
  [/^\/audit\/report-plans\/?$/, 'ListReportPlans'],
  [/^\/audit\/frameworks\/?$/, 'ListFrameworks'],
  [/^\/tags\/(.+?)\/?$/, 'ListTags'],
];

const match = (path: string): { action: string; args: string[] } | undefined => {
  for (const [re, action] of ROUTES) {
    const m = re.exec(path);
    if (m) return { action, args: m.slice(1).map(decodeURIComponent) };
  }
  return undefined;
};

/** The Backup action a GET path is, or undefined for a path Backup does not have. */
export const backupRoute = (method: string, path: string): string | undefined => (method === 'GET' ? match(path)?.action : undefined);

const notFound = (what: string) => new WireError('ResourceNotFoundException', `${what} not found`, 404);

/**
 * Answers one AWS Backup REST-JSON call from an account/region's estate, paging every listing
 * (`nextToken`/`maxResults`, or `NextToken`/`MaxResults` for restore testing, as the API spells them).
 */
export const serveBackup = (aws: AwsWireEndpoint, req: WireRequest, estate: BackupEstate): unknown => {
  const m = match(req.path);
  if (!m) throw new WireError('UnknownOperationException', `the wire endpoint does not serve ${req.path}`, 404);
  const q = req.query;
  const page = <T>(items: readonly T[]) => aws.page(items, q.get('nextToken') ?? q.get('NextToken'), q.get('maxResults') ?? q.get('MaxResults'));
  const vault = (name: string) => estate.vaults.find((v) => v.describe.BackupVaultName === name) ?? (() => { throw notFound(`Backup vault ${name}`); })();
  const plan = (id: string) => estate.plans.find((p) => p.list.BackupPlanId === id) ?? (() => { throw notFound(`Backup plan ${id}`); })();
  const testingPlan = (name: string) => estate.restoreTestingPlans.find((x) => x.RestoreTestingPlanName === name) ?? (() => { throw notFound(`Restore testing plan ${name}`); })();
  const [a, b] = m.args as [string, string];
  const paged = <T>(key: string, items: readonly T[]) => {
    const p = page(items);
    return { [key]: p.items, ...(p.next ? { NextToken: p.next } : {}) };
  };
  switch (m.action) {
    case 'ListBackupVaults':
      return paged('BackupVaultList', estate.vaults.map((v) => v.describe));
    case 'DescribeBackupVault':
      return vault(a).describe;
    case 'GetBackupVaultAccessPolicy': {
      const v = vault(a);
      if (!v.policy) throw notFound(`Access policy of ${a}`);
      return { BackupVaultName: a, BackupVaultArn: v.describe.BackupVaultArn, Policy: v.policy };
    }
    case 'GetBackupVaultNotifications':
      throw notFound(`Notification configuration of ${a}`);
    case 'ListRecoveryPointsByBackupVault':
      return paged('RecoveryPoints', vault(a).recoveryPoints);
    case 'ListBackupPlans':
      return paged('BackupPlansList', estate.plans.map((p) => p.list));
    case 'GetBackupPlan':
      return plan(a).get;
    case 'ListBackupSelections':
      return paged('BackupSelectionsList', plan(a).selections.map((s) => s.list));
    case 'GetBackupSelection': {
      const s = plan(a).selections.find((x) => x.list.SelectionId === b);
      if (!s) throw notFound(`Backup selection ${b}`);
      return s.get;
    }
    case 'ListLegalHolds':
      return paged('LegalHolds', estate.legalHolds.map(({ RetainRecordUntil: _r, RecoveryPointSelection: _s, ...h }) => h));
    case 'GetLegalHold': {
      const h = estate.legalHolds.find((x) => x.LegalHoldId === a);
      if (!h) throw notFound(`Legal hold ${a}`);
      return h;
    }
    case 'ListRestoreJobs':
      return paged('RestoreJobs', estate.restoreJobs);
    case 'DescribeRestoreJob': {
      const j = estate.restoreJobs.find((x) => x.RestoreJobId === a);
      if (!j) throw notFound(`Restore job ${a}`);
      return j;
    }
    case 'ListBackupJobs':
      return paged('BackupJobs', []);
    case 'ListCopyJobs':
      return paged('CopyJobs', []);
    case 'ListRestoreTestingPlans':
      return paged('RestoreTestingPlans', estate.restoreTestingPlans.map(({ RecoveryPointSelection: _s, selections: _t, ...p }) => p));
    case 'GetRestoreTestingPlan': {
      const { selections: _t, ...p } = testingPlan(a);
      return { RestoreTestingPlan: { ...p, CreatorRequestId: undefined } };
    }
    case 'ListRestoreTestingSelections':
      return paged('RestoreTestingSelections', testingPlan(a).selections);
    case 'ListReportPlans':
      return paged('ReportPlans', []);
    case 'ListFrameworks':
      return paged('Frameworks', []);
    case 'ListTags':
      return { Tags: { owner: 'platform-backup' } };
    default:
      throw new WireError('UnknownOperationException', `the wire endpoint does not serve backup:${m.action}`, 404);
  }
};
