import type { DemoGenerator } from '../../demo-generator.js';
import { isProd, isoDaysAgo } from '../data/data-demo-vocabulary.js';
import { BACKUP_POLICIES, DEMO_BACKUP_ROLE, demoPlanId, demoTableArn, demoUuid } from './backup-demo-naming.js';

const NO_CONDITIONS = { StringEquals: [], StringNotEquals: [], StringLike: [], StringNotLike: [] };

/**
 * Backup selections (resource assignments). Selections 0–2 select the tag-driven policies by
 * `ListOfTags` (`backup=db_30_365_2555`…), as seed 000 does across the organisation. Selection 3 is,
 * in production accounts, a Conditions-based one (DynamoDB tables with `backup=daily_35`) and, in
 * other accounts, a wildcard over every DynamoDB table and RDS instance. Later selections list a few
 * table ARNs. Untagged production data stores therefore stay outside every plan.
 *
 * @example
 * backupSelectionDemoGenerator.generate(ctx).config.BackupSelection.ListOfTags; // [{ ConditionKey: 'backup', ... }]
 */
export const backupSelectionDemoGenerator: DemoGenerator = {
  type: 'aws.backup.selection',
  scope: 'regional',
  weight: 0.5,
  min: BACKUP_POLICIES.length + 1,
  generate: (ctx) => {
    const { rng, account, region, index, now } = ctx;
    const planIndex = index < BACKUP_POLICIES.length ? index : BACKUP_POLICIES.length - 1;
    const selectionId = demoUuid('selection', account.id, region, index);
    const planId = demoPlanId(account.id, region, planIndex);
    let selection: Record<string, unknown>;
    if (index < BACKUP_POLICIES.length) {
      const policy = BACKUP_POLICIES[index] as string;
      selection = { SelectionName: `tag-${policy}`, Resources: [], NotResources: [], ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: policy }], Conditions: NO_CONDITIONS };
    } else if (index === BACKUP_POLICIES.length) {
      selection = isProd(account)
        ? {
            SelectionName: 'dynamodb-daily-conditions',
            Resources: ['arn:aws:dynamodb:*:*:table/*'],
            NotResources: [],
            ListOfTags: [],
            Conditions: { ...NO_CONDITIONS, StringEquals: [{ ConditionKey: 'aws:ResourceTag/backup', ConditionValue: 'daily_35' }] },
          }
        : { SelectionName: 'all-databases', Resources: ['arn:aws:dynamodb:*:*:table/*', 'arn:aws:rds:*:*:db:*'], NotResources: [], ListOfTags: [], Conditions: NO_CONDITIONS };
    } else {
      const first = rng.int(0, 20);
      selection = {
        SelectionName: `team-tables-${index}`,
        Resources: [demoTableArn(account.id, region, first), demoTableArn(account.id, region, first + 1)],
        NotResources: [],
        ListOfTags: [],
        Conditions: NO_CONDITIONS,
      };
    }
    selection.IamRoleArn = DEMO_BACKUP_ROLE(account.id);
    const arn = `arn:aws:backup:${region}:${account.id}:backup-plan:${planId}/selection/${selectionId}`;
    return {
      id: selectionId,
      arn,
      name: String(selection.SelectionName),
      tags: {},
      config: { SelectionId: selectionId, BackupPlanId: planId, CreationDate: isoDaysAgo(now, rng.int(30, 700)), CreatorRequestId: selectionId, BackupSelection: selection },
    };
  },
};
