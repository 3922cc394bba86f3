import { DescribeLogGroupsCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { Type, type Static } from '@sinclair/typebox';
import type { EnforcementAction } from '../../enforcement-action.js';
import { arnResource } from '../action-helpers.js';

/** The values CloudWatch Logs accepts for retentionInDays. */
export const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

const Params = Type.Object(
  { minimumDays: Type.Integer({ minimum: 1, maximum: 3653, default: 90, description: 'Retention the log group must keep at least.' }) },
  { additionalProperties: false },
);
type P = Static<typeof Params>;
/** retentionInDays null: never expire (already compliant). */
type State = { retentionInDays: number | null };

/** `arn:aws:logs:r:a:log-group:/aws/lambda/x:*` → `/aws/lambda/x` */
const groupName = (arn: string): string => arnResource(arn).replace(/^log-group:/, '').replace(/:\*$/, '');

/** Raises a log group's retention to the smallest allowed value ≥ minimumDays; it never lowers one. */
export const logsRaiseRetention: EnforcementAction<P, State> = {
  name: 'logs.raise-retention',
  description: 'Raises the log group\'s retention to at least minimumDays (never lowers it; "never expire" stays).',
  schema: Params,
  resourceTypes: ['aws.logs.log-group'],
  risk: 'safe',
  reversible: true,
  permissions: ['logs:DescribeLogGroups', 'logs:PutRetentionPolicy'],
  commands: ['logs:DescribeLogGroups', 'logs:PutRetentionPolicy'],
  async read(ctx) {
    const name = groupName(ctx.resource.arn);
    const out = await ctx.aws.logs().send(new DescribeLogGroupsCommand({ logGroupNamePrefix: name }));
    const g = (out.logGroups ?? []).find((x: { logGroupName?: string }) => x.logGroupName === name);
    if (!g) throw Object.assign(new Error(`log group ${name} not found`), { name: 'ResourceNotFoundException' });
    return { retentionInDays: g.retentionInDays ?? null };
  },
  compliant: (s, p) => s.retentionInDays === null || s.retentionInDays >= p.minimumDays,
  async apply(ctx, before) {
    const target = RETENTION_DAYS.find((d) => d >= ctx.params.minimumDays) ?? 3653;
    // Re-checked here, not only in `compliant`: this action must never shorten a retention.
    if (before.retentionInDays === null || before.retentionInDays >= target) return;
    await ctx.aws.logs().send(new PutRetentionPolicyCommand({ logGroupName: groupName(ctx.resource.arn), retentionInDays: target }));
  },
  async undo(ctx, before) {
    if (before.retentionInDays !== null) await ctx.aws.logs().send(new PutRetentionPolicyCommand({ logGroupName: groupName(ctx.resource.arn), retentionInDays: before.retentionInDays }));
  },
};
