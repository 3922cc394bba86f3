import { DescribeContinuousBackupsCommand, UpdateContinuousBackupsCommand } from '@aws-sdk/client-dynamodb';
import type { EnforcementAction } from '../../enforcement-action.js';
import { NoParams } from '../action-helpers.js';

type State = { pitr: string };

/** Turns on point-in-time recovery of a DynamoDB table (no downtime); undo turns it off if it was off. */
export const dynamodbEnablePitr: EnforcementAction<Record<string, never>, State> = {
  name: 'dynamodb.enable-pitr',
  description: 'Turns on point-in-time recovery (continuous backups) of the DynamoDB table.',
  schema: NoParams,
  resourceTypes: ['aws.dynamodb.table'],
  risk: 'safe',
  reversible: true,
  permissions: ['dynamodb:DescribeContinuousBackups', 'dynamodb:UpdateContinuousBackups'],
  commands: ['dynamodb:DescribeContinuousBackups', 'dynamodb:UpdateContinuousBackups'],
  async read(ctx) {
    const out = await ctx.aws.dynamodb().send(new DescribeContinuousBackupsCommand({ TableName: ctx.resourceId }));
    return { pitr: out.ContinuousBackupsDescription?.PointInTimeRecoveryDescription?.PointInTimeRecoveryStatus ?? 'DISABLED' };
  },
  compliant: (s) => s.pitr === 'ENABLED',
  async apply(ctx) {
    await ctx.aws.dynamodb().send(new UpdateContinuousBackupsCommand({ TableName: ctx.resourceId, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }));
  },
  async undo(ctx, before) {
    if (before.pitr !== 'ENABLED') await ctx.aws.dynamodb().send(new UpdateContinuousBackupsCommand({ TableName: ctx.resourceId, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: false } }));
  },
};
