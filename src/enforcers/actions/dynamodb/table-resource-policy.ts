import { DeleteResourcePolicyCommand, GetResourcePolicyCommand, PutResourcePolicyCommand } from '@aws-sdk/client-dynamodb';
import { orNull } from '../action-helpers.js';
import type { PolicyDocument } from '../policy-statement-action.js';

/** A DynamoDB table's resource policy (by the table's ARN), for the actions that change it. */
export const tableResourcePolicy: PolicyDocument = {
  permissions: ['dynamodb:GetResourcePolicy', 'dynamodb:PutResourcePolicy', 'dynamodb:DeleteResourcePolicy'],
  commands: ['dynamodb:GetResourcePolicy', 'dynamodb:PutResourcePolicy', 'dynamodb:DeleteResourcePolicy'],
  get: async (ctx) => (await orNull(() => ctx.aws.dynamodb().send(new GetResourcePolicyCommand({ ResourceArn: ctx.resource.arn })), 'PolicyNotFoundException'))?.Policy ?? null,
  put: async (ctx, policy) => void (await ctx.aws.dynamodb().send(new PutResourcePolicyCommand({ ResourceArn: ctx.resource.arn, Policy: policy }))),
  remove: async (ctx) => void (await ctx.aws.dynamodb().send(new DeleteResourcePolicyCommand({ ResourceArn: ctx.resource.arn }))),
};
